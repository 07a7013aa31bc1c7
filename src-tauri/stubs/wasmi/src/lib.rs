//! Plenary's stand-in for `wasmi`, the WebAssembly interpreter behind
//! Typst's `plugin` function. Plenary's print layout (`layout.typ`) loads no
//! plugin, and the documents it lays out reach it as data, never as Typst
//! code, so the interpreter could never run. The stand-in keeps the API
//! Typst's `foundations::plugin` calls; no module can be made
//! (`Module::new` always fails), so every other type is uninhabited. Cargo
//! takes it in place of the published crate through `[patch.crates-io]` in
//! the top-level Cargo.toml.

use std::fmt;
use std::marker::PhantomData;

/// Why a plugin could not be loaded: always the same reason.
#[derive(Debug)]
pub struct Error;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("plugins are not available in Plenary's print layout")
    }
}

impl std::error::Error for Error {}

#[derive(Debug, Default, Clone)]
pub struct Config;

impl Config {
    pub fn wasm_relaxed_simd(&mut self, _enable: bool) -> &mut Self {
        self
    }
}

#[derive(Debug, Default, Clone)]
pub struct Engine;

impl Engine {
    pub fn new(_config: &Config) -> Self {
        Engine
    }
}

/// A compiled module: none can be made.
#[derive(Debug, Clone)]
pub enum Module {}

impl Module {
    pub fn new(_engine: &Engine, _wasm: &[u8]) -> Result<Self, Error> {
        Err(Error)
    }

    pub fn get_export(&self, _name: &str) -> Option<ExternType> {
        match *self {}
    }

    pub fn exports(&self) -> std::vec::IntoIter<ExportType> {
        match *self {}
    }
}

#[derive(Debug, Clone)]
pub enum ExternType {
    Func(FuncType),
    Memory(MemoryType),
}

#[derive(Debug, Clone)]
pub enum MemoryType {}

#[derive(Debug, Clone)]
pub enum ExportType {}

impl ExportType {
    pub fn name(&self) -> &str {
        match *self {}
    }

    pub fn ty(&self) -> &ExternType {
        match *self {}
    }
}

#[derive(Debug, Clone)]
pub enum FuncType {}

impl FuncType {
    pub fn params(&self) -> &[core::ValType] {
        match *self {}
    }

    pub fn results(&self) -> &[core::ValType] {
        match *self {}
    }
}

pub mod core {
    #[derive(Debug, Copy, Clone, PartialEq, Eq)]
    pub enum ValType {
        I32,
        I64,
        F32,
        F64,
    }
}

#[derive(Debug, Copy, Clone, PartialEq)]
pub enum Val {
    I32(i32),
    I64(i64),
    F32(f32),
    F64(f64),
}

#[derive(Debug)]
pub struct Linker<T> {
    engine: Engine,
    data: PhantomData<fn() -> T>,
}

impl<T> Linker<T> {
    pub fn new(engine: &Engine) -> Self {
        Linker {
            engine: engine.clone(),
            data: PhantomData,
        }
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Host functions are accepted and never called: no module can link
    /// against them.
    pub fn func_wrap<F>(
        &mut self,
        _module: &str,
        _name: &str,
        _func: F,
    ) -> Result<&mut Self, Error> {
        Ok(self)
    }

    pub fn instantiate_and_start(
        &self,
        _store: &mut Store<T>,
        module: &Module,
    ) -> Result<Instance, Error> {
        match *module {}
    }
}

#[derive(Debug)]
pub struct Store<T> {
    data: T,
}

impl<T> Store<T> {
    pub fn new(_engine: &Engine, data: T) -> Self {
        Store { data }
    }

    pub fn data(&self) -> &T {
        &self.data
    }

    pub fn data_mut(&mut self) -> &mut T {
        &mut self.data
    }
}

/// A running instance's view of its host: no instance ever runs.
pub struct Caller<'a, T> {
    never: Never,
    data: PhantomData<&'a mut T>,
}

impl<T> Caller<'_, T> {
    pub fn get_export(&self, _name: &str) -> Option<Extern> {
        match self.never {}
    }

    pub fn data_mut(&mut self) -> &mut T {
        match self.never {}
    }
}

#[derive(Debug, Clone, Copy)]
enum Never {}

#[derive(Debug, Clone, Copy)]
pub enum Instance {}

impl Instance {
    pub fn get_export<S>(&self, _store: &S, _name: &str) -> Option<Extern> {
        match *self {}
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Extern {}

impl Extern {
    pub fn into_func(self) -> Option<Func> {
        match self {}
    }

    pub fn into_memory(self) -> Option<Memory> {
        match self {}
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Func {}

impl Func {
    pub fn ty<S>(&self, _store: &S) -> FuncType {
        match *self {}
    }

    pub fn call<S>(
        &self,
        _store: &mut S,
        _inputs: &[Val],
        _outputs: &mut [Val],
    ) -> Result<(), Error> {
        match *self {}
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Memory {}

impl Memory {
    pub fn size<S>(&self, _store: &S) -> u64 {
        match *self {}
    }

    pub fn grow<S>(&self, _store: &mut S, _additional: u64) -> Result<u64, Error> {
        match *self {}
    }

    pub fn data<'a, S>(&self, _store: &'a S) -> &'a [u8] {
        match *self {}
    }

    pub fn data_mut<'a, S>(&self, _store: &'a mut S) -> &'a mut [u8] {
        match *self {}
    }

    pub fn read<S>(&self, _store: &S, _offset: usize, _buffer: &mut [u8]) -> Result<(), Error> {
        match *self {}
    }

    pub fn write<S>(&self, _store: &mut S, _offset: usize, _buffer: &[u8]) -> Result<(), Error> {
        match *self {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_module_can_be_loaded() {
        let engine = Engine::new(&Config);
        // The smallest valid module: magic number and version.
        let err = Module::new(&engine, b"\0asm\x01\0\0\0").unwrap_err();
        assert_eq!(
            err.to_string(),
            "plugins are not available in Plenary's print layout"
        );
    }
}
