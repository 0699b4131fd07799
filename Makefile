# SPDX-License-Identifier: GPL-2.0-only
#
# Mediated PMU switch core: proofs, tests, kernel build.
#
#   make proof    prove every src/*.c with Frama-C/WP, gate, write report/
#   make test     compile checks, simulator tests, kernel build + KUnit +
#                 QEMU smoke, report check; ends with "N passed, N failed"
#   make kernel   the kernel part of `make test` alone
#   make mutants  the mutation suite (proofs/mutants/): proof, and every
#                 catalogue mutant against the simulator tests alone
#   make bench    switch cost against upstream's sequence and the bound
#   make soak     10^7 switches per configuration -> report/soak.json
#   make fuzz     libFuzzer, FUZZ_SECONDS -> report/fuzz.json

SRC := $(wildcard src/*.c)
HDR := $(wildcard src/*.h spec/*.h)
CFLAGS_CORE := -std=gnu11 -ffreestanding -fno-common -Wall -Wextra -Werror \
	-Wdeclaration-after-statement \
	-Wno-unused-function -Isrc -Ispec
RESULTS := build/results

.PHONY: all proof test kernel mutants bench soak fuzz compile-check \
	report-check mutants-check clean

all: proof test

proof:
	@sh scripts/ensure-tools.sh proof
	@python3 proofs/prove.py
	@python3 proofs/render_report.py

# Every check writes one "N passed, N failed" line under $(RESULTS);
# scripts/summarize-tests.py adds them up and prints the closing line.
test:
	@sh scripts/ensure-tools.sh test
	@rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	@$(MAKE) --no-print-directory compile-check
	@python3 scripts/provenance.py $(RESULTS)/run.json "make test"
	@if [ -f tests/Makefile ]; then $(MAKE) --no-print-directory -C tests run \
		> $(RESULTS)/sim.log 2>&1 \
		|| echo "tests: make -C tests run failed" >> $(RESULTS)/errors.txt; \
	grep -E '^(switch/|xcheck/outcomes|FAIL|[0-9]+ passed)' $(RESULTS)/sim.log; \
	$(MAKE) --no-print-directory -C tests coverage \
		|| echo "tests: make -C tests coverage failed" >> $(RESULTS)/errors.txt; \
	$(MAKE) --no-print-directory -C tests fuzz-check \
		|| echo "fuzz: a planted violation did not fail make fuzz" \
		>> $(RESULTS)/errors.txt; fi
	@if [ -f kernel-glue/Makefile ]; then $(MAKE) --no-print-directory kernel \
		|| echo "kernel: make kernel failed" >> $(RESULTS)/errors.txt; fi
	@RESULTS=$(RESULTS) python3 proofs/probes.py > $(RESULTS)/probes.log \
		2>&1 || echo "probes: a trusted call leads to a contradictory" \
		"state" >> $(RESULTS)/errors.txt; \
	grep -E '^probes: (FAIL|self-test|[0-9]+ passed)' $(RESULTS)/probes.log; true
	@$(MAKE) --no-print-directory mutants-check \
		|| echo "mutants: a mutant survived the proof" >> $(RESULTS)/errors.txt
	@python3 proofs/render_report.py || true
	@$(MAKE) --no-print-directory report-check \
		|| echo "report: check failed" >> $(RESULTS)/errors.txt
	@python3 scripts/summarize-tests.py $(RESULTS)

# The proved files compile as freestanding C with warnings as errors.
compile-check:
	@mkdir -p build/obj $(RESULTS)
	@pass=0; fail=0; \
	for f in $(SRC); do \
		if gcc $(CFLAGS_CORE) -c $$f -o build/obj/$$(basename $$f .c).o; \
		then pass=$$((pass + 1)); \
		else echo "compile-check: FAIL $$f"; fail=$$((fail + 1)); fi; \
	done; \
	for f in $(SRC); do \
		if gcc $(CFLAGS_CORE) -O2 -Wstack-usage=256 -c $$f -o /dev/null; \
		then pass=$$((pass + 1)); \
		else echo "compile-check: FAIL -O2 stack $$f"; fail=$$((fail + 1)); fi; \
	done; \
	echo "compile-check: $$pass passed, $$fail failed"; \
	echo "$$pass passed, $$fail failed" > $(RESULTS)/compile.txt; \
	test $$fail = 0

report-check:
	@python3 scripts/check-report.py

# The mutation suite as a test: a mutant killed by the proof passes.
# Every catalogue mutant also runs against the simulator tests alone
# (mutants-tests.txt: killed, or a stated reason the tests cannot see it).
mutants-check:
	@python3 proofs/mutants/run.py > $(RESULTS)/mutants.log 2>&1; rc=$$?; \
	tail -n 4 $(RESULTS)/mutants.log; \
	python3 scripts/mutant-results.py $(RESULTS) || rc=1; \
	exit $$rc

kernel:
	@$(MAKE) --no-print-directory -C kernel-glue kernel

mutants:
	@sh scripts/ensure-tools.sh proof
	@python3 proofs/mutants/run.py

bench:
	@$(MAKE) --no-print-directory -C bench bench

soak:
	@$(MAKE) --no-print-directory -C tests soak

fuzz:
	@$(MAKE) --no-print-directory -C tests fuzz

clean:
	rm -rf build
