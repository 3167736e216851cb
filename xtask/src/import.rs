//! `cargo xtask import claims.csv [--actors actors.csv] [--sources sources.csv]
//! [--dataset data/dataset.toml] [--write]`: spreadsheet rows into the dataset.
//!
//! The CSV files have the columns of our own `claims.csv` export (read by
//! header name, in any order; the derived `*_name` and `source_titles`
//! columns are ignored), or for actors and sources the fields of
//! `data/README.md`. A row whose `id` is in the dataset updates that entry in
//! place; a new id is appended after the last entry of its kind. The TOML is
//! edited with `toml_edit`, so comments, order and untouched values stay as
//! they are. Every problem names the CSV file, row (its line) and column,
//! with a hint; the result must pass the dataset's own checks. Nothing is
//! written without `--write`: a diff is printed first, and `--write` keeps
//! the old file as `dataset.toml.bak`.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};
use who_backs_whom_core::load::{self, Diagnostic};
use who_backs_whom_core::{ActorKind, PartialDate, Relation, SourceKind, Stance, Status};

use crate::{fail, Result};

/// One problem in a CSV file, located by row (the line the row starts on;
/// the header is row 1) and column (1-based; 0 when the column is missing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub row: usize,
    pub column: usize,
    pub header: String,
    pub message: String,
    pub hint: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: row {}, column {} ({}): {}\n    hint: {}",
            self.file, self.row, self.column, self.header, self.message, self.hint
        )
    }
}

/// What a cell holds, and how it is checked.
#[derive(Clone, Copy)]
enum Cell {
    Text,
    /// `;`-separated, as in the export.
    List,
    /// A list where an empty cell means `[]`, not "no value".
    ListOrEmpty,
    Bool,
    Date,
    /// One id of a closed vocabulary: the check, and the ids for the hint.
    Vocabulary(fn(&str) -> bool, fn() -> String),
}

struct Field {
    name: &'static str,
    cell: Cell,
    /// A new entry needs a non-empty value.
    required: bool,
}

const fn field(name: &'static str, cell: Cell, required: bool) -> Field {
    Field {
        name,
        cell,
        required,
    }
}

/// One kind of entry: its `[[array]]` in the TOML and its columns, in the
/// order new entries are written (`data/README.md`).
struct Kind {
    array: &'static str,
    fields: &'static [Field],
    /// Columns of the file that are not this kind's fields: derived ones
    /// (names, titles), and in `claims.csv` those of context rows.
    derived: &'static [&'static str],
}

const CLAIMS: Kind = Kind {
    array: "claims",
    fields: &[
        field("id", Cell::Text, true),
        field("subject", Cell::Text, true),
        field(
            "relation",
            Cell::Vocabulary(|v| Relation::from_id(v).is_some(), Relation::ids),
            true,
        ),
        field(
            "stance",
            Cell::Vocabulary(|v| Stance::from_id(v).is_some(), Stance::ids),
            true,
        ),
        field("object", Cell::Text, true),
        field("date", Cell::Date, false),
        field("date_basis", Cell::Text, false),
        field("summary", Cell::Text, true),
        field("attributed_to", Cell::Text, true),
        field("sources", Cell::List, true),
        field("quote", Cell::Text, true),
        field(
            "status",
            Cell::Vocabulary(|v| Status::from_id(v).is_some(), Status::ids),
            true,
        ),
        field("note", Cell::Text, false),
        field("hedges", Cell::List, false),
    ],
    derived: &[
        "subject_name",
        "object_name",
        "attributed_to_name",
        "source_titles",
        "record",
        "about",
    ],
};

/// Context items: rows of `claims.csv` whose `record` is `context`.
const CONTEXT: Kind = Kind {
    array: "context",
    fields: &[
        field("id", Cell::Text, true),
        field("about", Cell::ListOrEmpty, false),
        field("date", Cell::Date, false),
        field("date_basis", Cell::Text, false),
        field("summary", Cell::Text, true),
        field("attributed_to", Cell::Text, true),
        field("sources", Cell::List, true),
        field("quote", Cell::Text, true),
        field(
            "status",
            Cell::Vocabulary(|v| Status::from_id(v).is_some(), Status::ids),
            true,
        ),
        field("note", Cell::Text, false),
    ],
    derived: &[],
};

const ACTORS: Kind = Kind {
    array: "actors",
    fields: &[
        field("id", Cell::Text, true),
        field("name", Cell::Text, true),
        field(
            "kind",
            Cell::Vocabulary(|v| ActorKind::from_id(v).is_some(), ActorKind::ids),
            true,
        ),
        field("description", Cell::Text, true),
        field("aliases", Cell::ListOrEmpty, false),
        field("leads", Cell::Text, false),
        field("member_of", Cell::Text, false),
    ],
    derived: &[],
};

const SOURCES: Kind = Kind {
    array: "sources",
    fields: &[
        field("id", Cell::Text, true),
        field("title", Cell::Text, true),
        field("title_supplied", Cell::Bool, false),
        field("publisher", Cell::Text, false),
        field(
            "kind",
            Cell::Vocabulary(|v| SourceKind::from_id(v).is_some(), SourceKind::ids),
            true,
        ),
        field("date", Cell::Date, false),
        field("url", Cell::Text, false),
        field("text", Cell::Text, true),
    ],
    derived: &[],
};

/// One row to import: where it is, its id, and a value (or `None`: remove
/// the key) for each column the file has.
struct Entry {
    kind: &'static Kind,
    row: usize,
    /// The fields the file has a column for (right or wrong).
    present: Vec<&'static str>,
    id: String,
    values: Vec<(&'static str, usize, Option<Value>)>,
}

/// One CSV file's rows, checked.
struct Sheet {
    file: String,
    kind: &'static Kind,
    entries: Vec<Entry>,
}

/// Undoes the export's spreadsheet-formula neutralisation: one leading `'`
/// is dropped when a formula character (= + - @ tab CR) follows it.
/// As in the export, further `'`s may stand between (a cell of `'`s before
/// a formula character got one more).
pub fn unneutralise(cell: &str) -> &str {
    let formula = |s: &str| {
        s.trim_start_matches('\'')
            .starts_with(['=', '+', '-', '@', '\t', '\r'])
    };
    match cell.strip_prefix('\'') {
        Some(rest) if formula(rest) => rest,
        _ => cell,
    }
}

/// A problem at `row`/`column` of `file`.
fn problem(
    file: &str,
    row: usize,
    column: usize,
    header: &str,
    message: String,
    hint: &str,
) -> Problem {
    Problem {
        file: file.to_string(),
        row,
        column,
        header: header.to_string(),
        message,
        hint: hint.to_string(),
    }
}

/// The column names (by position), and the problems with the header row.
fn read_header(
    file: &str,
    kind: &Kind,
    headers: &csv::StringRecord,
) -> (Vec<String>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let mut columns = Vec::new();
    for (i, name) in headers.iter().enumerate() {
        let name = name.trim_start_matches('\u{feff}').trim();
        let known = kind.fields.iter().any(|f| f.name == name) || kind.derived.contains(&name);
        if !known {
            let names: Vec<&str> = kind.fields.iter().map(|f| f.name).collect();
            let hint = format!("use the column names of the export: {}", names.join(", "));
            problems.push(problem(
                file,
                1,
                i + 1,
                name,
                format!("unknown column `{name}`"),
                &hint,
            ));
        }
        if !seen.insert(name.to_string()) {
            let message = format!("column `{name}` appears twice");
            problems.push(problem(file, 1, i + 1, name, message, "keep one of them"));
        }
        columns.push(name.to_string());
    }
    if !columns.iter().any(|c| c == "id") {
        let message = "there is no `id` column".to_string();
        problems.push(problem(
            file,
            1,
            0,
            "id",
            message,
            "add an `id` column: it says which entry a row is",
        ));
    }
    (columns, problems)
}

/// A cell's TOML value: `None` for an empty cell (the key is removed), or
/// the reason it is wrong.
fn cell_value(field: &Field, text: &str) -> std::result::Result<Option<Value>, (String, String)> {
    let text = unneutralise(text);
    if text.trim().is_empty() {
        return if matches!(field.cell, Cell::ListOrEmpty) {
            Ok(Some(Value::Array(Array::new())))
        } else if field.required {
            let hint = format!("every entry needs a `{}`", field.name);
            Err((format!("`{}` is empty", field.name), hint))
        } else {
            Ok(None)
        };
    }
    match field.cell {
        Cell::Text => Ok(Some(Value::from(text))),
        Cell::List | Cell::ListOrEmpty => Ok(Some(Value::Array(list(text)))),
        Cell::Bool => match text.trim() {
            "true" => Ok(Some(Value::from(true))),
            "false" => Ok(Some(Value::from(false))),
            other => Err((
                format!("`{other}` is not true or false"),
                "write true or false".into(),
            )),
        },
        Cell::Date => PartialDate::parse(text.trim())
            .map(|_| Some(Value::from(text.trim())))
            .map_err(|e| {
                (
                    e,
                    "write YYYY, YYYY-MM or YYYY-MM-DD, only as precise as the source".into(),
                )
            }),
        Cell::Vocabulary(known, _) if known(text.trim()) => Ok(Some(Value::from(text.trim()))),
        Cell::Vocabulary(_, ids) => Err((
            format!("`{text}` is not a `{}` value", field.name),
            format!("use one of: {}", ids()),
        )),
    }
}

fn list(text: &str) -> Array {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The kind of a row: in `claims.csv`, a `record` of `context` makes it a context item.
fn row_kind(
    kind: &'static Kind,
    columns: &[String],
    record: &csv::StringRecord,
) -> std::result::Result<&'static Kind, usize> {
    let Some(at) = columns.iter().position(|c| c == "record") else {
        return Ok(kind);
    };
    match (
        std::ptr::eq(kind, &CLAIMS),
        record.get(at).map(|r| unneutralise(r).trim()),
    ) {
        (true, Some("context")) => Ok(&CONTEXT),
        (true, Some("claim" | "") | None) => Ok(kind),
        _ => Err(at + 1),
    }
}

/// One data row as an entry (with the cells that are right), and its problems.
fn read_row(
    file: &str,
    kind: &'static Kind,
    columns: &[String],
    record: &csv::StringRecord,
    row: usize,
) -> (Entry, Vec<Problem>) {
    let mut entry = Entry {
        kind,
        row,
        present: Vec::new(),
        id: String::new(),
        values: Vec::new(),
    };
    if record.len() != columns.len() {
        let message = format!(
            "{} cells, but the header has {}",
            record.len(),
            columns.len()
        );
        let hint = "check the row's quoting: a cell with a comma, quote or line break must be in double quotes";
        return (
            entry,
            vec![problem(
                file,
                row,
                record.len().min(columns.len()) + 1,
                "",
                message,
                hint,
            )],
        );
    }
    let mut problems = Vec::new();
    for (i, (name, text)) in columns.iter().zip(record.iter()).enumerate() {
        let Some(field) = kind.fields.iter().find(|f| f.name == name) else {
            continue;
        };
        entry.present.push(field.name);
        match cell_value(field, text) {
            Ok(value) => {
                if field.name == "id" {
                    entry.id = unneutralise(text).trim().to_string();
                }
                entry.values.push((field.name, i + 1, value));
            }
            Err((message, hint)) => {
                problems.push(problem(file, row, i + 1, field.name, message, &hint))
            }
        }
    }
    (entry, problems)
}

/// The line a record starts on. The reader gives each record the position
/// where the previous one ended, before the blank lines it skips, so the
/// line breaks that follow that position are counted here too.
fn row_line(text: &str, position: &csv::Position) -> usize {
    let rest = text
        .as_bytes()
        .get(position.byte() as usize..)
        .unwrap_or(&[]);
    let skipped = rest
        .iter()
        .take_while(|&&b| b == b'\n' || b == b'\r')
        .filter(|&&b| b == b'\n')
        .count();
    position.line() as usize + skipped
}

/// Reads and checks one CSV file (`file` names it in problems).
fn read_sheet(file: &str, text: &str, kind: &'static Kind) -> (Sheet, Vec<Problem>) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut sheet = Sheet {
        file: file.to_string(),
        kind,
        entries: Vec::new(),
    };
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(e) => {
            let message = format!("cannot read the header: {e}");
            return (
                sheet,
                vec![problem(
                    file,
                    1,
                    1,
                    "",
                    message,
                    "save the file as UTF-8 CSV",
                )],
            );
        }
    };
    let (columns, mut problems) = read_header(file, kind, &headers);
    let id_column = columns.iter().position(|c| c == "id").map(|c| c + 1);
    let Some(id_column) = id_column else {
        return (sheet, problems);
    };
    let mut ids: HashMap<String, usize> = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let row = e.position().map_or(0, |p| row_line(text, p));
                problems.push(problem(
                    file,
                    row,
                    0,
                    "",
                    format!("unreadable row: {e}"),
                    "save the file as UTF-8 CSV",
                ));
                continue;
            }
        };
        let row = record.position().map_or(0, |p| row_line(text, p));
        let row_kind = match row_kind(kind, &columns, &record) {
            Ok(row_kind) => row_kind,
            Err(column) => {
                let message = "`record` is neither claim nor context".to_string();
                problems.push(problem(
                    file,
                    row,
                    column,
                    "record",
                    message,
                    "write claim, context, or leave it empty (a claim)",
                ));
                continue;
            }
        };
        let (entry, found) = read_row(file, row_kind, &columns, &record, row);
        problems.extend(found);
        if entry.id.is_empty() {
            continue;
        }
        if let Some(first) = ids.insert(entry.id.clone(), row) {
            let message = format!("id `{}` is also on row {first}", entry.id);
            problems.push(problem(
                file,
                row,
                id_column,
                "id",
                message,
                "one row per entry: merge the two rows",
            ));
        }
        sheet.entries.push(entry);
    }
    (sheet, problems)
}

/// The ids of the entries in `[[array]]`.
fn ids_in(doc: &DocumentMut, array: &str) -> HashSet<String> {
    doc.get(array)
        .and_then(Item::as_array_of_tables)
        .map(|tables| {
            tables
                .iter()
                .filter_map(|t| t.get("id")?.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// A new entry needs every required column; an update keeps what the file leaves out.
fn missing_columns(sheet: &Sheet, doc: &DocumentMut) -> Vec<Problem> {
    let mut problems = Vec::new();
    for entry in &sheet.entries {
        if ids_in(doc, entry.kind.array).contains(&entry.id) {
            continue;
        }
        for field in entry.kind.fields.iter().filter(|f| f.required) {
            if !entry.present.contains(&field.name) {
                let message = format!("new entry `{}` has no `{}` column", entry.id, field.name);
                let hint = "add the column (a new entry needs every required field), or use an id already in the dataset";
                problems.push(problem(
                    &sheet.file,
                    entry.row,
                    0,
                    field.name,
                    message,
                    hint,
                ));
            }
        }
    }
    problems
}

/// Cells that name an actor or a source which neither the dataset nor the imported files have.
fn unknown_references(
    sheet: &Sheet,
    actors: &HashSet<String>,
    sources: &HashSet<String>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for entry in &sheet.entries {
        for (name, column, value) in &entry.values {
            let (known, what) = match *name {
                "subject" | "object" | "attributed_to" | "leads" | "member_of" | "about" => {
                    (actors, "actor")
                }
                "sources" => (sources, "source"),
                _ => continue,
            };
            for id in value
                .iter()
                .flat_map(strings)
                .filter(|id| !known.contains(id))
            {
                let hint = format!("use an {what} id from the dataset, or add the {what} (with --{what}s {what}s.csv)");
                problems.push(problem(
                    &sheet.file,
                    entry.row,
                    *column,
                    name,
                    format!("unknown {what} `{id}`"),
                    &hint,
                ));
            }
        }
    }
    problems
}

/// The strings in a value (one, or each of an array's).
fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        other => other.as_str().map(String::from).into_iter().collect(),
    }
}

/// A value without its formatting, to compare old and new.
fn plain(value: &Value) -> String {
    match value {
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join("\u{1f}"),
        Value::String(s) => s.value().clone(),
        other => other.clone().decorated("", "").to_string(),
    }
}

/// Updates `table` with the entry's values, touching only keys whose value changes.
fn update(table: &mut Table, entry: &Entry) {
    for (name, _, value) in &entry.values {
        match value {
            Some(value) => {
                let same = table
                    .get(name)
                    .and_then(Item::as_value)
                    .is_some_and(|old| plain(old) == plain(value));
                if !same {
                    let decor = table
                        .get(name)
                        .and_then(Item::as_value)
                        .map(|v| v.decor().clone());
                    let mut value = value.clone();
                    if let Some(decor) = decor {
                        *value.decor_mut() = decor;
                    }
                    table.insert(name, Item::Value(value));
                }
            }
            None => {
                table.remove(name);
            }
        }
    }
}

/// A new entry as a table, its keys in the documented order, after a blank line.
fn new_table(kind: &Kind, entry: &Entry) -> Table {
    let mut table = Table::new();
    for field in kind.fields {
        let value = entry.values.iter().find(|(name, _, _)| *name == field.name);
        if let Some((_, _, Some(value))) = value {
            table.insert(field.name, Item::Value(value.clone()));
        }
    }
    table.decor_mut().set_prefix("\n");
    table
}

/// Applies a sheet to the document: updates in place, appends new entries
/// after the last of their kind.
fn apply(doc: &mut DocumentMut, sheet: &Sheet) {
    for entry in &sheet.entries {
        let array = entry.kind.array;
        if doc.get(array).and_then(Item::as_array_of_tables).is_none() {
            doc.insert(array, Item::ArrayOfTables(ArrayOfTables::new()));
        }
        let tables = doc[array].as_array_of_tables_mut().expect("made above");
        let id = Some(entry.id.as_str());
        let found = tables
            .iter()
            .position(|t| t.get("id").and_then(Item::as_str) == id);
        match found.and_then(|at| tables.get_mut(at)) {
            Some(table) => update(table, entry),
            None => tables.push(new_table(entry.kind, entry)),
        }
    }
}

/// Which kind of entries a CSV file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Claims,
    Actors,
    Sources,
}

impl Which {
    fn kind(self) -> &'static Kind {
        match self {
            Which::Claims => &CLAIMS,
            Which::Actors => &ACTORS,
            Which::Sources => &SOURCES,
        }
    }
}

/// Where an imported entry came from: file, row, and each key's column.
#[derive(Clone, Debug)]
pub struct Origin {
    pub file: String,
    pub row: usize,
    columns: Vec<(&'static str, usize)>,
}

/// The dataset's TOML with the CSV files applied (actors and sources
/// first, so claims may name them), and where each imported entry came from;
/// or every problem in the files.
pub fn merge(
    toml: &str,
    files: &[(Which, &str, &str)],
) -> std::result::Result<(String, HashMap<String, Origin>), Vec<Problem>> {
    let mut doc: DocumentMut = toml.parse().map_err(|e| {
        vec![problem(
            "dataset",
            1,
            1,
            "",
            format!("the dataset is not valid TOML: {e}"),
            "run cargo xtask check-data",
        )]
    })?;
    let mut problems = Vec::new();
    let mut sheets = Vec::new();
    for (which, file, text) in files {
        let (sheet, found) = read_sheet(file, text, which.kind());
        problems.extend(found);
        problems.extend(missing_columns(&sheet, &doc));
        sheets.push(sheet);
    }
    let known = |which: Which| -> HashSet<String> {
        let mut ids = ids_in(&doc, which.kind().array);
        let imported = sheets.iter().flat_map(|s| &s.entries);
        ids.extend(
            imported
                .filter(|e| std::ptr::eq(e.kind, which.kind()))
                .map(|e| e.id.clone()),
        );
        ids
    };
    let (actors, sources) = (known(Which::Actors), known(Which::Sources));
    for sheet in &sheets {
        problems.extend(unknown_references(sheet, &actors, &sources));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    sheets.sort_by_key(|s| std::ptr::eq(s.kind, &CLAIMS));
    let mut origins = HashMap::new();
    for sheet in &sheets {
        apply(&mut doc, sheet);
        for entry in &sheet.entries {
            let columns = entry
                .values
                .iter()
                .map(|(name, column, _)| (*name, *column))
                .collect();
            origins.insert(
                entry.id.clone(),
                Origin {
                    file: sheet.file.clone(),
                    row: entry.row,
                    columns,
                },
            );
        }
    }
    Ok((doc.to_string(), origins))
}

/// The dataset's own checks on the merged text; each diagnostic about an
/// imported entry also names its CSV row and column (the column of the key
/// on the diagnostic's line).
pub fn check(
    dataset: &Path,
    text: &str,
    origins: &HashMap<String, Origin>,
) -> std::result::Result<load::Loaded, Vec<String>> {
    let base = dataset.parent().unwrap_or(Path::new(".")).to_path_buf();
    let read = |relative: &str| {
        std::fs::read_to_string(base.join(relative)).map_err(|e| format!("{relative}: {e}"))
    };
    load::load_str(dataset, text, read).map_err(|diagnostics| {
        diagnostics
            .iter()
            .map(|d| describe(d, text, origins))
            .collect()
    })
}

fn describe(diagnostic: &Diagnostic, text: &str, origins: &HashMap<String, Origin>) -> String {
    let Some(origin) = diagnostic.id.as_ref().and_then(|id| origins.get(id)) else {
        return diagnostic.to_string();
    };
    let line = text
        .lines()
        .nth(diagnostic.line.saturating_sub(1))
        .unwrap_or("");
    let key = line.split('=').next().unwrap_or("").trim();
    let column = origin.columns.iter().find(|(name, _)| *name == key);
    let place = match column {
        Some((name, column)) => format!(
            "{}: row {}, column {column} ({name})",
            origin.file, origin.row
        ),
        None => format!("{}: row {}", origin.file, origin.row),
    };
    format!("{place}: {diagnostic}")
}

/// The command line: `claims.csv [--actors F] [--sources F] [--dataset F] [--write]`.
struct Args {
    files: Vec<(Which, PathBuf)>,
    dataset: PathBuf,
    write: bool,
}

fn parse_args(root: &Path, args: &[String]) -> Result<Args> {
    let usage = "usage: cargo xtask import claims.csv [--actors actors.csv] [--sources sources.csv] [--dataset data/dataset.toml] [--write]";
    let mut parsed = Args {
        files: Vec::new(),
        dataset: crate::dist::dataset_path(root),
        write: false,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = || {
            rest.next()
                .map(PathBuf::from)
                .ok_or(format!("{arg} needs a file\n{usage}"))
        };
        match arg.as_str() {
            "--actors" => parsed.files.push((Which::Actors, value()?)),
            "--sources" => parsed.files.push((Which::Sources, value()?)),
            "--dataset" => parsed.dataset = value()?,
            "--write" => parsed.write = true,
            file if !file.starts_with("--")
                && !parsed.files.iter().any(|(w, _)| *w == Which::Claims) =>
            {
                parsed.files.push((Which::Claims, PathBuf::from(file)))
            }
            other => return fail(format!("unexpected argument `{other}`\n{usage}")),
        }
    }
    if parsed.files.is_empty() {
        return fail(usage);
    }
    Ok(parsed)
}

/// `cargo xtask import …`: check, show the diff, and write only with `--write`.
pub fn run(root: &Path, args: &[String]) -> Result {
    let args = parse_args(root, args)?;
    let read = |path: &Path| {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let old = read(&args.dataset)?;
    let mut texts = Vec::new();
    for (which, path) in &args.files {
        texts.push((*which, path.display().to_string(), read(path)?));
    }
    let files: Vec<(Which, &str, &str)> = texts
        .iter()
        .map(|(w, f, t)| (*w, f.as_str(), t.as_str()))
        .collect();
    let (new, origins) = merge(&old, &files).map_err(|problems| report(&problems))?;
    let loaded = check(&args.dataset, &new, &origins).map_err(|all| {
        format!("{}\nimport: the result does not pass the dataset's checks ({} problems); nothing written", all.join("\n"), all.len())
    })?;
    if new == old {
        println!("import: {} is already up to date", args.dataset.display());
        return Ok(());
    }
    print!("{}", diff(&args.dataset, &old, &new));
    let counts = format!(
        "{} claims, {} actors, {} sources",
        loaded.dataset.claims.len(),
        loaded.dataset.actors.len(),
        loaded.dataset.sources.len()
    );
    if !args.write {
        println!("import: the result is valid ({counts}); nothing written: run again with --write");
        return Ok(());
    }
    write(&args.dataset, &old, &new)?;
    println!(
        "import: wrote {} ({counts}); the old file is {}.bak",
        args.dataset.display(),
        args.dataset.display()
    );
    Ok(())
}

fn report(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    format!(
        "{}\nimport: {} problem(s) in the CSV files; nothing written",
        lines.join("\n"),
        problems.len()
    )
}

/// A unified diff of the dataset, three lines of context.
fn diff(path: &Path, old: &str, new: &str) -> String {
    let name = path.display().to_string();
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&name, &format!("{name} (imported)"))
        .to_string()
}

/// Keeps the old file as `<name>.bak`, then writes the new one.
fn write(path: &Path, old: &str, new: &str) -> Result {
    let mut backup = path.as_os_str().to_owned();
    backup.push(".bak");
    std::fs::write(&backup, old).map_err(|e| {
        format!(
            "cannot write the backup {}: {e}",
            PathBuf::from(&backup).display()
        )
    })?;
    std::fs::write(path, new).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use who_backs_whom_core::load::export;

    fn shipped_path() -> PathBuf {
        crate::project_root().join("data/dataset.toml")
    }

    fn shipped_text() -> String {
        std::fs::read_to_string(shipped_path()).expect("data/dataset.toml")
    }

    fn shipped() -> load::Loaded {
        load::load(&shipped_path()).unwrap_or_else(|d| panic!("the shipped dataset loads: {d:?}"))
    }

    const HEADER: &str =
        "id,subject,relation,stance,object,date,summary,attributed_to,sources,quote,status";

    fn problems(csv: &str) -> Vec<(usize, usize, String)> {
        match merge(&shipped_text(), &[(Which::Claims, "claims.csv", csv)]) {
            Ok(_) => Vec::new(),
            Err(all) => all
                .into_iter()
                .map(|p| (p.row, p.column, p.header))
                .collect(),
        }
    }

    #[test]
    fn the_shipped_export_imported_into_the_shipped_dataset_loads_equal() {
        let original = shipped();
        let csv = export::to_csv(&original.dataset);
        let (text, _) =
            merge(&shipped_text(), &[(Which::Claims, "claims.csv", &csv)]).expect("no problems");
        let again = check(&shipped_path(), &text, &HashMap::new()).expect("it loads");
        assert!(
            again.dataset == original.dataset,
            "the round trip changed the dataset"
        );
    }

    #[test]
    fn importing_the_export_leaves_the_file_as_it_was() {
        let csv = export::to_csv(&shipped().dataset);
        let (text, _) = merge(&shipped_text(), &[(Which::Claims, "claims.csv", &csv)]).unwrap();
        assert!(
            text == shipped_text(),
            "{}",
            diff(&shipped_path(), &shipped_text(), &text)
        );
    }

    #[test]
    fn an_edited_row_updates_its_claim_in_place_and_a_new_row_is_appended() {
        let original = shipped();
        let mut csv = export::to_csv(&original.dataset);
        let first = &original.dataset.claims[0];
        csv = csv.replacen(first.status.id(), "alleged", 1);
        let new = format!(
            "new-claim,belarus,general-backing,backs,myanmar-junta,,Justice For Myanmar said Belarus backs the junta.,justice-for-myanmar,news-report-lukashenko-2025,{},alleged\n",
            "\"Belarus\"",
        );
        let sheet = format!("{HEADER}\n{}{}", first_row_only(&csv, &first.id), new);
        let original_text = shipped_text();
        let (text, _) = merge(&original_text, &[(Which::Claims, "claims.csv", &sheet)]).unwrap();
        let changed: Vec<&str> =
            similar::TextDiff::from_lines(original_text.as_str(), text.as_str())
                .iter_all_changes()
                .filter(|c| c.tag() != similar::ChangeTag::Equal)
                .map(|c| c.value())
                .collect();
        assert!(
            changed
                .iter()
                .any(|l| l.starts_with("status = \"alleged\"")),
            "{changed:?}"
        );
        assert!(
            changed.iter().any(|l| l.starts_with("id = \"new-claim\"")),
            "{changed:?}"
        );
        let last_claim = text.find("id = \"new-claim\"").unwrap();
        let first_context = text.find("[[context]]").unwrap();
        assert!(
            last_claim < first_context,
            "the new claim is appended after the last claim, before the context"
        );
        assert!(text.contains("# Actors"), "comments are kept");
    }

    /// The export's header and the row of claim `id`, in our column subset.
    fn first_row_only(csv: &str, id: &str) -> String {
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let wanted: Vec<usize> = HEADER
            .split(',')
            .map(|h| headers.iter().position(|x| x == h).unwrap())
            .collect();
        let record = reader
            .records()
            .map(|r| r.expect("a CSV record"))
            .find(|r| &r[0] == id)
            .unwrap();
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer
            .write_record(wanted.iter().map(|&i| &record[i]))
            .unwrap();
        String::from_utf8(writer.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn each_bad_cell_is_reported_at_its_row_and_column() {
        let good = "c1,belarus,general-backing,backs,myanmar-junta,2025,Justice For Myanmar said so.,justice-for-myanmar,news-report-lukashenko-2025,Belarus,alleged";
        let csv = [
            HEADER,
            good,
            "c2,belarus,backing,backs,myanmar-junta,,S.,justice-for-myanmar,news-report-lukashenko-2025,Q,alleged",
            "c3,belarus,general-backing,backs,myanmar-junta,March 2025,S.,justice-for-myanmar,news-report-lukashenko-2025,Q,alleged",
            "c4,belarus,general-backing,backs,nobody,,S.,justice-for-myanmar,news-report-lukashenko-2025,,rumoured",
            "c5,belarus,general-backing,backs,myanmar-junta,,S.,justice-for-myanmar,no-such-source",
            "\"c6\",belarus,general-backing,backs,myanmar-junta,,\"a summary",
        ]
        .join("\n");
        let mut found = problems(&format!("{csv}\n{good}\n"));
        found.sort();
        let expected = [
            (3, 3, "relation"),
            (4, 6, "date"),
            (5, 5, "object"),
            (5, 10, "quote"),
            (5, 11, "status"),
            (6, 10, ""),
            (7, 8, ""),
        ];
        let expected: Vec<(usize, usize, String)> = expected
            .iter()
            .map(|(r, c, h)| (*r, *c, h.to_string()))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn rows_after_blank_lines_are_reported_at_their_own_line() {
        let good = "c1,belarus,general-backing,backs,myanmar-junta,,S.,justice-for-myanmar,news-report-lukashenko-2025,Belarus,alleged";
        let bad = |id: &str| {
            format!("{id},belarus,backing,backs,myanmar-junta,,S.,justice-for-myanmar,news-report-lukashenko-2025,Q,alleged")
        };
        let multiline = "c3,belarus,general-backing,backs,myanmar-junta,,\"two\nlines\",justice-for-myanmar,news-report-lukashenko-2025,Q,rumoured";
        // Lines: 1 header, 2 good, 3-4 blank, 5 bad, 6 blank, 7-8 the row with a
        // line break in a cell, 9-11 blank, 12 bad, 13 blank.
        let lines = [
            HEADER.to_string(),
            good.to_string(),
            String::new(),
            String::new(),
            bad("c2"),
            String::new(),
            multiline.to_string(),
            String::new(),
            String::new(),
            String::new(),
            bad("c4"),
            String::new(),
        ];
        let expected: Vec<(usize, usize, String)> =
            [(5, 3, "relation"), (7, 11, "status"), (12, 3, "relation")]
                .iter()
                .map(|(r, c, h)| (*r, *c, h.to_string()))
                .collect();
        for newline in ["\n", "\r\n"] {
            let csv = lines.join("\n").replace('\n', newline);
            let mut found = problems(&csv);
            found.sort();
            assert_eq!(found, expected, "line endings {newline:?}");
        }
    }

    #[test]
    fn a_duplicate_id_an_unknown_column_and_a_missing_one_are_reported() {
        let row = "c1,belarus,general-backing,backs,myanmar-junta,,S.,justice-for-myanmar,news-report-lukashenko-2025,Q,alleged";
        let found = problems(&format!("{HEADER}\n{row}\n{row}\n"));
        assert_eq!(found, [(3, 1, "id".to_string())]);
        let found = problems("id,qoute\nc1,Q\n");
        assert!(found.contains(&(1, 2, "qoute".to_string())), "{found:?}");
        assert!(
            found.contains(&(2, 0, "quote".to_string())),
            "a new claim without a quote column: {found:?}"
        );
        assert_eq!(problems("subject\nbelarus\n"), [(1, 0, "id".to_string())]);
    }

    #[test]
    fn the_datasets_own_checks_name_the_csv_row_and_column() {
        let row = "c1,belarus,general-backing,backs,myanmar-junta,,Justice For Myanmar said so.,justice-for-myanmar,news-report-lukashenko-2025,Words the report never has,alleged";
        let (text, origins) = merge(
            &shipped_text(),
            &[(Which::Claims, "claims.csv", &format!("{HEADER}\n{row}\n"))],
        )
        .unwrap();
        let messages =
            check(&shipped_path(), &text, &origins).expect_err("the quote is not in the source");
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("claims.csv: row 2, column 10 (quote): ")
                    && m.contains("quote-not-found")),
            "{messages:?}"
        );
    }

    #[test]
    fn a_neutralised_cell_gets_its_text_back() {
        assert_eq!(unneutralise("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unneutralise("'-1"), "-1");
        assert_eq!(unneutralise("'\tx"), "\tx");
        assert_eq!(
            unneutralise("'twas"),
            "'twas",
            "only before a formula character"
        );
        assert_eq!(unneutralise("''=x"), "'=x", "one apostrophe only");
        assert_eq!(unneutralise("'"), "'");
        assert_eq!(unneutralise("=x"), "=x");
    }
}
