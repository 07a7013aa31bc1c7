//! Plenary's stand-in for `hayro`, which draws the pages of PDF images.
//! No PDF can be loaded in Plenary's print layout (see the stand-in for
//! `hayro-syntax`), so nothing is ever drawn; this keeps the settings type
//! `typst-svg` builds before it would draw one.

use std::sync::Arc;

pub use hayro_syntax::Pdf;

/// The bytes of a font.
pub type FontData = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// Finds a font a PDF names but does not embed.
pub type FontResolverFn = Arc<dyn Fn(&FontQuery) -> Option<(FontData, u32)> + Send + Sync>;

/// Hears what could not be drawn.
pub type WarningSinkFn = Arc<dyn Fn(InterpreterWarning) + Send + Sync>;

#[derive(Clone)]
pub struct InterpreterSettings {
    pub font_resolver: FontResolverFn,
    pub warning_sink: WarningSinkFn,
}

#[derive(Debug, Copy, Clone, PartialEq, Eq)]
pub enum InterpreterWarning {
    JpxImage,
    UnsupportedFont,
}

/// The 14 fonts every PDF reader has.
#[derive(Debug, Copy, Clone, PartialEq, Eq, Hash)]
pub enum StandardFont {
    Helvetica,
    HelveticaBold,
    HelveticaOblique,
    HelveticaBoldOblique,
    Courier,
    CourierBold,
    CourierOblique,
    CourierBoldOblique,
    TimesRoman,
    TimesBold,
    TimesItalic,
    TimesBoldItalic,
    ZapfDingBats,
    Symbol,
}

#[derive(Debug, Clone)]
pub enum FontQuery {
    Standard(StandardFont),
    Fallback(FallbackFontQuery),
}

/// A font a PDF names without embedding it.
#[derive(Debug, Clone, Default)]
pub struct FallbackFontQuery {
    pub is_fixed_pitch: bool,
    pub is_serif: bool,
    pub is_bold: bool,
    pub is_italic: bool,
}

impl FallbackFontQuery {
    /// The standard font closest to the one asked for.
    pub fn pick_standard_font(&self) -> StandardFont {
        use StandardFont::*;
        match (
            self.is_fixed_pitch,
            self.is_serif,
            self.is_bold,
            self.is_italic,
        ) {
            (true, _, true, true) => CourierBoldOblique,
            (true, _, true, false) => CourierBold,
            (true, _, false, true) => CourierOblique,
            (true, _, false, false) => Courier,
            (false, true, true, true) => TimesBoldItalic,
            (false, true, true, false) => TimesBold,
            (false, true, false, true) => TimesItalic,
            (false, true, false, false) => TimesRoman,
            (false, false, true, true) => HelveticaBoldOblique,
            (false, false, true, false) => HelveticaBold,
            (false, false, false, true) => HelveticaOblique,
            (false, false, false, false) => Helvetica,
        }
    }
}
