#!/bin/sh
# Makes the print layout's fonts from the Noto fonts of Debian's
# fonts-noto-core (20201225-1), kept to the scripts a printed page needs so
# that the binary stays small. Needs fonttools (pyftsubset). Run from this
# folder:  sh subset.sh /path/to/usr/share/fonts/truetype/noto
set -eu
src=${1:?folder holding NotoSans-Regular.ttf}

# Latin, Latin Extended A/B/C/D/E and Additional (Vietnamese), IPA, the
# combining marks, Greek, Cyrillic, punctuation, currency, letterlike
# symbols, number forms and the replacement character.
latin="U+0000-052F,U+1AB0-1AFF,U+1C80-1C8F,U+1D00-1DFF,U+1E00-1FFF,U+2000-20CF,U+2100-218F,U+2C60-2C7F,U+2DE0-2DFF,U+A640-A69F,U+A700-A7FF,U+AB30-AB6F,U+FB00-FB06,U+FE00-FE0F,U+FE20-FE2F,U+FFFD"
thai="U+0E00-0E7F,U+200B-200D,U+25CC"
arabic="U+0600-06FF,U+0750-077F,U+0870-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200B-200F,U+25CC"
# Arrows and mathematical operators ("→", "−") that Noto Sans lacks.
symbols="U+2190-21FF,U+2200-22FF"

cut() { # font, ranges
  pyftsubset "$src/$1" --unicodes="$2" --layout-features='*' --no-hinting \
    --name-IDs='*' --name-languages='*' --notdef-outline --output-file="$1"
}
for f in NotoSans-Regular NotoSans-Bold NotoSans-Italic NotoSans-BoldItalic; do
  cut "$f.ttf" "$latin"
done
for f in NotoSansThai-Regular NotoSansThai-Bold; do cut "$f.ttf" "$thai"; done
for f in NotoSansArabic-Regular NotoSansArabic-Bold; do cut "$f.ttf" "$arabic"; done
cut NotoSansMath-Regular.ttf "$symbols"
