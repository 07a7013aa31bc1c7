//! Attendees: reading their CSV files (`csv_file`), importing them
//! (`import`), the protocol-ordered list and its export (`export`), and
//! finding people, events and itineraries (`lookup`).

pub mod csv_file;
pub mod export;
pub mod import;
pub mod lookup;

#[cfg(test)]
mod tests;
