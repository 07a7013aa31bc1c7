# Plenary — the two commands a newcomer needs are `make run` and `make test`.

SHELL := /bin/bash
CARGO ?= cargo
APT_PACKAGES := build-essential pkg-config libwebkit2gtk-4.1-dev libxml2-utils \
                xvfb xauth webkit2gtk-driver poppler-utils imagemagick \
                xdg-utils desktop-file-utils libglib2.0-bin \
                fonts-dejavu-core fonts-thai-tlwg-ttf fonts-wqy-microhei x11-utils time \
                libreoffice-writer-nogui dbus
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
TAURI_DRIVER := $(or $(shell command -v tauri-driver 2>/dev/null),$(HOME)/.cargo/bin/tauri-driver)
SAMPLE := target/sample-week.plenary
XVFB := xvfb-run -a -s "-screen 0 1280x800x24"

.PHONY: dist dist-test man completions bench-interop run test deps system-deps node-deps driver ui build lint no-byte-slices unit e2e core-is-pure bench startup bindings fixtures screenshots print-images clean crash-trials fuzz fuzz-build

## Install what is missing, build, and open the window on the sample week.
run: deps ui
	$(CARGO) build --release
	@[ -f $(SAMPLE) ] || ./target/release/plenary sample $(SAMPLE)
	./target/release/plenary $(SAMPLE)

## Every test: formatting, lints, core and CLI and command tests, UI tests, and
## the end-to-end tests of the real window under Xvfb.
test: deps ui lint core-is-pure unit e2e
	@echo "make test: all checks passed"

deps: system-deps node-deps driver

system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

node-deps: ui/node_modules/.package-lock.json

ui/node_modules/.package-lock.json: ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	@touch $@

driver:
	@[ -x "$(TAURI_DRIVER)" ] || $(CARGO) install tauri-driver --version '^2' --locked

## The front end must be built before cargo compiles the app (it embeds ui/dist).
ui: node-deps
	cd ui && npm run build

build: deps ui
	$(CARGO) build --all-targets

lint: ui no-byte-slices
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	@# No core module imports from a layer above its own, or in a cycle
	@# (ARCHITECTURE.md, "Layers"; the table is in the test).
	$(CARGO) test -p plenary-core --test layers
	cd ui && npm run check
	@# Only ipc.ts (and the generated bindings it wraps) may reach Tauri.
	@if grep -rln '@tauri-apps' ui/src | grep -vE '(lib/ipc\.ts|lib/bindings\.ts|\.test\.ts)$$'; then \
	  echo "only ui/src/lib/ipc.ts may import @tauri-apps/*"; exit 1; fi

## User text is in any script: slicing a string by byte offsets (`&name[..4]`)
## panics inside a character. Slice with `.get(..)` or iterate chars; a slice
## of a Vec, or of text that is ASCII by construction, says so with a trailing
## `// slice-ok: <why>`. SCREAMING_CASE constants are tables, not text.
no-byte-slices:
	@if grep -rnE --include='*.rs' '([a-z_][a-z0-9_]*|\))\[([^],[]+\.\.[^],[]*|\.\.[^],[]+)\]' \
	    src-tauri/core/src src-tauri/src | grep -v '// slice-ok: [^ ]'; then \
	  echo "byte slices of text above: use .get(..) or chars; mark a Vec slice with // slice-ok: <why>"; \
	  exit 1; \
	fi

core-is-pure:
	@if $(CARGO) tree -p plenary-core -e normal,build --prefix none --format '{p}' | awk '{print $$1}' | grep -q '^tauri'; then \
	  echo "plenary-core must not depend on tauri"; exit 1; \
	else echo "plenary-core has no tauri in its dependency tree"; fi

unit: ui
	$(CARGO) test --workspace --lib --bins
	$(CARGO) test -p plenary-core --test names_in_many_scripts
	$(CARGO) test --test cli --test commands --test print --test print_quality --test cards --test glance --test hostile --test stress --test summary
	cd ui && npm test

e2e: ui driver
	$(CARGO) test --test e2e --no-run
	TAURI_DRIVER=$(TAURI_DRIVER) $(XVFB) $(CARGO) test --test e2e -- --test-threads=1

## The installable packages, built with the `dist` profile (fat LTO, sized
## for download) by the Tauri bundler: a .deb and an .rpm under
## $(DIST_BUNDLE). Offline once `make deps` has run; README, "Packages".
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
DIST_BUNDLE := $(TARGET_DIR)/dist/bundle
dist: deps ui
	@# The licence texts of fonts the binaries embed go to /usr/share/doc/plenary/fonts.
	rm -rf gen/doc-fonts && mkdir -p gen/doc-fonts
	-cp src-tauri/core/fonts/*.txt gen/doc-fonts/ 2>/dev/null
	@# plenary-print without unwinding (Cargo.toml, profile `dist-print`), put
	@# in place of the bundler's own build just before it packs.
	$(CARGO) build --profile dist-print --bin plenary-print
	ui/node_modules/.bin/tauri build --bundles deb rpm \
	  --config '{"build":{"beforeBundleCommand":"install -m 755 $(abspath $(TARGET_DIR))/dist-print/plenary-print $(abspath $(TARGET_DIR))/dist/plenary-print"}}' \
	  -- --profile dist
	@# The bundler packs the .deb with gzip; xz makes it less than half as large.
	src-tauri/packaging/repack-deb.sh $$(ls -t $(DIST_BUNDLE)/deb/Plenary_*.deb | head -1)
	@ls -l $(DIST_BUNDLE)/deb/*.deb $(DIST_BUNDLE)/rpm/*.rpm
	@ls -l $(TARGET_DIR)/dist/plenary $(TARGET_DIR)/dist/plenary-window $(TARGET_DIR)/dist/plenary-print

## Installs the .deb on this machine (as root), uses it from /usr/bin and
## opens a plan by double-click under Xvfb; removes it again. Not part of
## `make test`: README, "Packages" says why.
dist-test: dist
	$(SUDO) tests/dist/install.sh $$(ls -t $(DIST_BUNDLE)/deb/Plenary_*.deb | head -1)

## Criterion benchmarks of the core (numbers go in the issue notes, not in tests).
bench:
	$(CARGO) bench -p plenary-core

## Whole-process start-up of the release CLI on the sample week: the mean
## wall time of RUNS starts and the peak memory of one, for the notes.
RUNS ?= 200
startup: system-deps
	$(CARGO) build --release --bin plenary
	@./target/release/plenary sample target/startup.plenary --force >/dev/null
	@for args in "--version" "show target/startup.plenary" "check target/startup.plenary"; do \
	  t0=$$(date +%s%N); \
	  for i in $$(seq $(RUNS)); do ./target/release/plenary $$args >/dev/null || [ $$? = 1 ]; done; \
	  t1=$$(date +%s%N); \
	  peak=$$( { /usr/bin/time -f %M ./target/release/plenary $$args >/dev/null; } 2>&1 | tail -1); \
	  echo "plenary $$args: $$(( (t1 - t0) / $(RUNS) / 1000 )) µs a start, peak $$(( peak / 1024 )) MB"; \
	done

## Programme import into a new plan, then a calendar export, for the real
## schedules in ../shared/data/schedules and a 5,000-row XLSX; a table in ms.
bench-interop: system-deps
	$(CARGO) build --release --bin plenary
	@./tests/bench-interop.sh

## Many more killed edits than CI runs: `make crash-trials N=1000`.
N ?= 1000
crash-trials: ui
	CRASH_TRIALS=$(N) $(CARGO) test --test stress killed_edits -- --nocapture

## Fuzz opening plan files and reading attendee CSV, FUZZ_SECONDS per target
## (nightly; the fuzz crate is outside the workspace and `make test`).
FUZZ_SECONDS ?= 600
FUZZ_TARGETS := plan_open attendee_csv ical schedule_xml programme_sheet
fuzz: fuzz-build
	mkdir -p $(addprefix fuzz/corpus/,$(FUZZ_TARGETS))
	cp tests/fixtures/*.plenary fuzz/corpus/plan_open/
	cp tests/fixtures/*.csv fuzz/corpus/attendee_csv/
	cp tests/fixtures/side-programme.csv fuzz/corpus/programme_sheet/
	@# The reference schedules and programmes, where this checkout has them.
	-cp ../shared/data/schedules/*.xml ../shared/data/schedule-schemas/examples/*.json fuzz/corpus/schedule_xml/ 2>/dev/null
	-cp ../shared/data/programmes/*.csv ../shared/data/programmes/*.tsv ../shared/data/programmes/*.xlsx fuzz/corpus/programme_sheet/ 2>/dev/null
	@# A plan at the current schema too, when the app is built.
	@[ ! -x target/debug/plenary ] || target/debug/plenary sample fuzz/corpus/plan_open/sample.plenary --force >/dev/null
	@[ ! -x target/debug/plenary ] || target/debug/plenary export fuzz/corpus/plan_open/sample.plenary --format ics --out fuzz/corpus/ical/sample.ics --force 2>/dev/null
	@for t in $(FUZZ_TARGETS); do \
	  (cd fuzz && $(CARGO) +nightly fuzz run $$t -- -max_total_time=$(FUZZ_SECONDS)) || exit 1; \
	done

fuzz-build:
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	cd fuzz && $(CARGO) +nightly fuzz build

## Regenerate ui/src/lib/bindings.ts from the Rust commands.
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test --test commands typescript_bindings_are_current

## Regenerate the window tests' fixtures (ui/src/lib/testing/sample-week/) from
## what the commands answer for the sample week and the scenarios made from it
## (tests/ui_fixtures/); `make unit` fails when they are stale.
fixtures:
	UPDATE_FIXTURES=1 $(CARGO) test --test commands ui_fixtures_are_current

## The README's screenshots, taken by the end-to-end run.
screenshots: e2e
	cp target/e2e-shots/overview.png docs/screenshot-overview.png
	cp target/e2e-shots/agenda.png docs/screenshot-agenda.png
	cp target/e2e-shots/calendar-tray-drag.png docs/screenshot-calendar.png
	cp target/e2e-shots/board.png docs/screenshot-speakers.png
	cp target/e2e-shots/print.png docs/screenshot-print.png
	cp target/e2e-shots/summary.png docs/screenshot-summary.png

## The README's images of printed pages (docs/print-*.png), from the sample week.
print-images: system-deps
	PLENARY_UPDATE_PRINT_IMAGES=1 $(CARGO) test --test print_quality the_readme_shows

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules

## What the package installs beside the binaries, generated from the CLI's
## clap definitions: manual pages in target/dist-extra/man/man1/ (plenary.1
## and plenary-SUBCOMMAND.1) and completions in target/dist-extra/completions/
## (bash: plenary, zsh: _plenary, fish: plenary.fish).
## PLENARY_CLI names a CLI already built (e.g. the package's own build);
## by default the release one is built first.
DIST_EXTRA ?= target/dist-extra
RELEASE_CLI := ./target/release/plenary
PLENARY_CLI ?= $(RELEASE_CLI)
man:
	@[ "$(PLENARY_CLI)" != "$(RELEASE_CLI)" ] || $(CARGO) build --release --bin plenary
	rm -rf $(DIST_EXTRA)/man
	$(PLENARY_CLI) man --dir $(DIST_EXTRA)/man/man1

completions:
	@[ "$(PLENARY_CLI)" != "$(RELEASE_CLI)" ] || $(CARGO) build --release --bin plenary
	mkdir -p $(DIST_EXTRA)/completions
	$(PLENARY_CLI) completions bash > $(DIST_EXTRA)/completions/plenary
	$(PLENARY_CLI) completions zsh > $(DIST_EXTRA)/completions/_plenary
	$(PLENARY_CLI) completions fish > $(DIST_EXTRA)/completions/plenary.fish
