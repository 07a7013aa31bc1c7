fn main() {
    std::process::exit(plenary::window_main());
}
