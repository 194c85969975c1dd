//! `wasm-order MODULE.wasm`: rewrites the module in place with its defined functions sorted by
//! their bodies' bytes (the functions they call left out of the comparison), every function
//! index renumbered to match (calls, `ref.func`, tables' elements, exports, the start function,
//! names).
//!
//! gzip finds repeats only within its 32 KB window, and a Rust module is thousands of
//! monomorphized copies of a few generic bodies, which the compiler lays out in the order it
//! happens to emit them. Sorted by their bytes, bodies that are alike end up side by side
//! (`make dist` runs this after binaryen; the README's Size table has the measure). What the
//! module does is unchanged: only where each function sits and the numbers that name it.

use std::process::ExitCode;

use wasm_encoder::reencode::{utils, Error, Reencode};
use wasm_encoder::{CodeSection, FunctionSection, Module};
use wasmparser::{CodeSectionReader, FunctionSectionReader, Parser, Payload, Validator};

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: wasm-order MODULE.wasm (rewritten in place)");
        return ExitCode::from(2);
    };
    match std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|module| reorder(&module))
        .and_then(|sorted| std::fs::write(&path, sorted).map_err(|e| e.to_string()))
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("wasm-order: {path}: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `module` with its defined functions sorted by body (validated before and after).
fn reorder(module: &[u8]) -> Result<Vec<u8>, String> {
    Validator::new()
        .validate_all(module)
        .map_err(|e| format!("not a valid module: {e}"))?;
    let (imported, bodies) = functions(module).map_err(|e| format!("cannot read it: {e:?}"))?;
    let mut order: Vec<u32> = (0..bodies.len() as u32).collect();
    // Byte order of the whole body (its locals first), with the functions it calls unnamed:
    // alike copies of one generic body sort side by side, whatever they call (those numbers
    // change with the order anyway). Tried too: the bytes as they are (+0.5 KB), reversed (the
    // same), from the first instruction (+2.5 KB), by length first (+2.8 KB).
    order.sort_by(|&a, &b| bodies[a as usize].cmp(&bodies[b as usize]));
    let mut renumbered = vec![0; bodies.len()];
    for (position, &old) in order.iter().enumerate() {
        renumbered[old as usize] = imported + position as u32;
    }
    let mut sorter = Sorter {
        imported,
        order,
        renumbered,
    };
    let mut out = Module::new();
    sorter
        .parse_core_module(&mut out, Parser::new(0), module)
        .map_err(|e| format!("cannot rewrite it: {e:?}"))?;
    let sorted = out.finish();
    Validator::new()
        .validate_all(&sorted)
        .map_err(|e| format!("the rewritten module does not validate: {e}"))?;
    Ok(sorted)
}

/// How many functions are imported, and each defined function's body with every function
/// index in it 0 (what the sort compares), in index order.
fn functions(module: &[u8]) -> Result<(u32, Vec<Vec<u8>>), Error<std::convert::Infallible>> {
    let (mut imported, mut bodies) = (0, Vec::new());
    for payload in Parser::new(0).parse_all(module) {
        match payload? {
            Payload::ImportSection(imports) => {
                for import in imports.into_imports() {
                    if matches!(import?.ty, wasmparser::TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                let mut unnamed = utils::new_function_with_parsed_locals(&mut Unnamed, &body)?;
                let mut operators = body.get_operators_reader()?;
                while !operators.eof() {
                    unnamed.instruction(&Unnamed.parse_instruction(&mut operators)?);
                }
                bodies.push(unnamed.into_raw_body());
            }
            _ => {}
        }
    }
    Ok((imported, bodies))
}

/// Writes a body with every function it names as function 0.
struct Unnamed;

impl Reencode for Unnamed {
    type Error = std::convert::Infallible;

    fn function_index(&mut self, _func: u32) -> Result<u32, Error<Self::Error>> {
        Ok(0)
    }
}

/// Writes the function and code sections in the new order and renumbers every reference.
struct Sorter {
    imported: u32,
    /// Old defined-function positions, in their new order.
    order: Vec<u32>,
    /// New index of each old defined function.
    renumbered: Vec<u32>,
}

impl Reencode for Sorter {
    type Error = std::convert::Infallible;

    fn function_index(&mut self, func: u32) -> Result<u32, Error<Self::Error>> {
        Ok(match func.checked_sub(self.imported) {
            Some(defined) => self.renumbered[defined as usize],
            None => func,
        })
    }

    fn parse_function_section(
        &mut self,
        functions: &mut FunctionSection,
        section: FunctionSectionReader<'_>,
    ) -> Result<(), Error<Self::Error>> {
        let types = section.into_iter().collect::<Result<Vec<u32>, _>>()?;
        for ty in self.in_new_order(types) {
            functions.function(self.type_index(ty)?);
        }
        Ok(())
    }

    fn parse_code_section(
        &mut self,
        code: &mut CodeSection,
        section: CodeSectionReader<'_>,
    ) -> Result<(), Error<Self::Error>> {
        let bodies = section.into_iter().collect::<Result<Vec<_>, _>>()?;
        for body in self.in_new_order(bodies) {
            utils::parse_function_body(self, code, body)?;
        }
        Ok(())
    }
}

impl Sorter {
    /// `items`, one per defined function in index order, in the functions' new order.
    fn in_new_order<T: Clone>(&self, items: Vec<T>) -> Vec<T> {
        self.order
            .iter()
            .map(|&old| items[old as usize].clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use wasm_encoder::{
        CodeSection, ConstExpr, ElementSection, Elements, EntityType, ExportKind, ExportSection, Function,
        FunctionSection, ImportSection, Instruction, Module, RefType, TableSection, TableType, TypeSection,
        ValType,
    };
    use wasmparser::{ExternalKind, Operator, Parser, Payload};

    /// An import (0) and three functions (1: `3 + f(3)`, 2: `2 + import()`, 3: `1`), each
    /// exported as `f1`…`f3`, function 2 also in a table: sorted by body, 3, 2, 1.
    fn module() -> Vec<u8> {
        let mut module = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], [ValType::I32]);
        module.section(&types);
        let mut imports = ImportSection::new();
        imports.import("env", "imported", EntityType::Function(0));
        module.section(&imports);
        let mut functions = FunctionSection::new();
        (0..3).for_each(|_| {
            functions.function(0);
        });
        module.section(&functions);
        let mut tables = TableSection::new();
        tables.table(TableType {
            element_type: RefType::FUNCREF,
            minimum: 1,
            maximum: None,
            table64: false,
            shared: false,
        });
        module.section(&tables);
        let mut exports = ExportSection::new();
        for index in 1..=3 {
            exports.export(&format!("f{index}"), ExportKind::Func, index);
        }
        module.section(&exports);
        let mut elements = ElementSection::new();
        elements.active(
            Some(0),
            &ConstExpr::i32_const(0),
            Elements::Functions([2].as_slice().into()),
        );
        module.section(&elements);
        let mut code = CodeSection::new();
        for (constant, call) in [(3, Some(3)), (2, Some(0)), (1, None)] {
            let mut body = Function::new([]);
            body.instruction(&Instruction::I32Const(constant));
            if let Some(callee) = call {
                body.instruction(&Instruction::Call(callee));
                body.instruction(&Instruction::I32Add);
            }
            body.instruction(&Instruction::End);
            code.function(&body);
        }
        module.section(&code);
        module.finish()
    }

    /// What a module's references say.
    #[derive(Default)]
    struct Read {
        /// Each export's name and function index.
        exports: Vec<(String, u32)>,
        /// The table's functions.
        table: Vec<u32>,
        /// Each defined function's operators.
        bodies: Vec<Vec<String>>,
    }

    fn read(module: &[u8]) -> Read {
        let Read {
            mut exports,
            mut table,
            mut bodies,
        } = Read::default();
        for payload in Parser::new(0).parse_all(module) {
            match payload.expect("payload") {
                Payload::ExportSection(section) => {
                    for export in section {
                        let export = export.expect("export");
                        assert_eq!(export.kind, ExternalKind::Func);
                        exports.push((export.name.to_owned(), export.index));
                    }
                }
                Payload::ElementSection(section) => {
                    for element in section {
                        if let wasmparser::ElementItems::Functions(items) = element.expect("element").items {
                            table.extend(items.into_iter().map(|f| f.expect("index")));
                        }
                    }
                }
                Payload::CodeSectionEntry(body) => {
                    let ops = body.get_operators_reader().expect("operators");
                    bodies.push(
                        ops.into_iter()
                            .map(|op| match op.expect("operator") {
                                Operator::I32Const { value } => format!("const {value}"),
                                Operator::Call { function_index } => format!("call {function_index}"),
                                other => format!("{other:?}"),
                            })
                            .collect(),
                    );
                }
                _ => {}
            }
        }
        Read {
            exports,
            table,
            bodies,
        }
    }

    #[test]
    fn functions_sorted_by_body_keep_every_reference() {
        let Read {
            exports,
            table,
            bodies,
        } = read(&super::reorder(&module()).expect("reordered"));
        // Sorted: `1` (was 3), `2 + import()` (was 2), `3 + f(3)` (was 1); the import stays 0.
        assert_eq!(
            bodies,
            [
                vec!["const 1", "End"],
                vec!["const 2", "call 0", "I32Add", "End"],
                vec!["const 3", "call 1", "I32Add", "End"]
            ]
        );
        let exports: Vec<(&str, u32)> = exports.iter().map(|(n, i)| (n.as_str(), *i)).collect();
        assert_eq!(exports, [("f1", 3), ("f2", 2), ("f3", 1)]);
        assert_eq!(table, [2], "the table still holds `2 + import()`");
    }

    #[test]
    fn the_sort_compares_bodies_without_the_functions_they_call() {
        let (imported, bodies) = super::functions(&module()).expect("read");
        assert_eq!(imported, 1);
        // `3 + f(3)`: no locals, `i32.const 3`, `call 0` (not 3), `i32.add`, `end`.
        assert_eq!(bodies[0], [0x00, 0x41, 0x03, 0x10, 0x00, 0x6a, 0x0b]);
    }

    #[test]
    fn a_module_that_does_not_validate_is_refused() {
        let mut broken = module();
        broken.truncate(broken.len() - 3);
        assert!(super::reorder(&broken)
            .unwrap_err()
            .contains("not a valid module"));
        assert!(super::reorder(b"\0asm").is_err());
    }
}
