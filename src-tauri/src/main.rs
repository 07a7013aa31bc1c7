fn main() {
    std::process::exit(plenary::main_entry());
}
