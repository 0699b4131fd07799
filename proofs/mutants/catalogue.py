# SPDX-License-Identifier: GPL-2.0-only
"""The mutant catalogue of `make mutants` (issue 7); run.py applies it.

One entry per mutant, a realistic bug in src/:
  id           unique, stable name
  file         the file it mutates
  requirement  the spec/requirements.md row the bug violates (what the
               proof should report)
  label        the bug and why it is realistic (a KVM/SDM precedent, a
               typical slip)
  find/replace or edits=[(find, replace), ...]
               exact text; any run of whitespace in `find` matches any run
               of whitespace, so indentation and line breaks do not matter.
               Each find must match exactly once, outside ACSL annotations.
               {"re": ..., "sub": ...} is a Python regex edit.
  requires     optional: a file the mutant's target lives in; if the file
               is absent the mutant is skipped, not counted (if the file
               is there and the text is not, the mutant is stale).
  functions    optional: the functions to re-prove (default: the functions
               the edits fall in).
  issue        True if issue 7 names this bug.
  tests_blind  optional: why the simulator tests cannot see this mutant
               although the proof does (issue 25: every mutant the proof
               kills, the tests kill too, or this says why not).

Equivalent mutants (same observable behaviour) are not allowed: a mutant
that survives because it cannot be told apart from the original is replaced
and the reason written in its label.
"""

INTEL = "src/mpmu_intel.c"
MSR = "src/mpmu_msr.c"
OPS = "src/mpmu_hw_ops.c"
VMX = "src/mpmu_vmx.c"
AMD = "src/mpmu_amd.c"

# "not x" on 64 bits, either spelling: ~x or MPMU_NOT64(x).
NOT_RE = r"(?:~\s*{0}|MPMU_NOT64\(\s*{0}\s*\))"

# The PERF_METRICS scrub at the end of Intel put, whatever its condition.
PUT_METRICS_SCRUB = {"re": r"if \([^;{}]*?\)\s*mpmu_wr_perf_metrics\(0\);",
                     "sub": ""}

MUTANTS = [
    # ---------------------------------------------------------------------
    # Issue 24: counters against the host's width, per-counter selector
    # masks (REQ-CLOSURE, REQ-SAVE, REQ-VALIDATE)
    # ---------------------------------------------------------------------
    dict(id="put-saves-guest-width", file=INTEL, requirement="REQ-SAVE",
         label="put masks the saved counter to the guest's width (the "
               "kernel-glue workaround for load's guest-width check): bits "
               "the guest's counter ran past 2^width are lost",
         find="ctx->gp_counter[i] = count;",
         replace="ctx->gp_counter[i] = count & "
                 "MPMU_NOT64(ctx->counter_rsvd);",
         functions=["mpmu_put_gp_counters"]),
    dict(id="loadable-guest-width", file=INTEL, requirement="REQ-VALIDATE",
         label="load checks counters against the guest's width "
               "(counter_rsvd) instead of what hardware accepts: a context "
               "put saved after the guest's counter ran past its width, or "
               "after a sign-extended legacy write, is refused (issue 24)",
         find="if (ctx->gp_counter[i] & ctx->host_counter_rsvd)\n"
              "\t\t\treturn 0;",
         replace="if (ctx->gp_counter[i] & ctx->counter_rsvd)\n"
                 "\t\t\treturn 0;",
         functions=["mpmu_ctx_loadable"]),
    dict(id="set-txcp-any-counter", file=MSR, requirement="REQ-VALIDATE",
         label="set_msr checks every selector against counter 2's mask: "
               "IN_TX_CHECKPOINTED accepted on GP counter 0, which #GPs "
               "at load (KVM allows it on counter 2 only)",
         find="u64 rsvd = MPMU_SEL_RSVD(ctx, i);",
         replace="u64 rsvd = ctx->eventsel2_rsvd;",
         functions=["mpmu_set_msr"]),
    dict(id="loadable-sel2-mask-everywhere", file=INTEL,
         requirement="REQ-VALIDATE",
         label="load checks every selector against counter 2's mask: a "
               "selector 0 with IN_TX_CHECKPOINTED reaches WRMSR (#GP)",
         find="if (ctx->gp_eventsel_hw[i] & MPMU_SEL_RSVD(ctx, i))",
         replace="if (ctx->gp_eventsel_hw[i] & ctx->eventsel2_rsvd)",
         functions=["mpmu_ctx_loadable"]),
    dict(id="get-counter-raw", file=MSR, requirement="REQ-VALIDATE",
         label="get_msr returns the raw counter: the guest reads bits "
               "above its width that put saved (KVM masks in "
               "pmc_read_counter)",
         find="*data = ctx->gp_counter[i] & MPMU_NOT64(ctx->counter_rsvd);",
         replace="*data = ctx->gp_counter[i];",
         functions=["mpmu_get_msr"]),
    dict(id="set-legacy-unmasked", file=MSR, requirement="REQ-CLOSURE",
         label="a legacy counter write is stored unmasked (KVM's "
               "sign-extended 64-bit value): the context then holds bits "
               "above the host's width and load refuses it",
         find="ctx->gp_counter[i] = val;",
         replace="ctx->gp_counter[i] = data;",
         functions=["mpmu_set_msr"]),
    # ---------------------------------------------------------------------
    # Intel load: GLOBAL_CTRL quiescing (REQ-ORDER)
    # ---------------------------------------------------------------------
    dict(id="load-gctl-zero-dropped", file=INTEL, requirement="REQ-ORDER",
         issue=True,
         label="GLOBAL_CTRL := 0 dropped from load: trusts perf's "
               "load_guest_context to leave the PMU globally disabled, "
               "which it does not (upstream comment in "
               "kvm_mediated_pmu_load); counters restored while counting",
         find="mpmu_wr_global_ctrl(0);", replace=""),
    dict(id="load-gctl-zero-after-gp", file=INTEL, requirement="REQ-ORDER",
         issue=True,
         label="GLOBAL_CTRL := 0 moved after the GP counter/selector loop: "
               "a non-zero GLOBAL_CTRL while counters are restored (the "
               "RFC v3 ordering Sean objected to)",
         edits=[("mpmu_wr_global_ctrl(0);", ""),
                ("mpmu_load_gp_counters(ctx);",
                 "mpmu_load_gp_counters(ctx);\n\tmpmu_wr_global_ctrl(0);")]),
    dict(id="load-gctl-guest-value", file=INTEL, requirement="REQ-ORDER",
         label="load writes the guest GLOBAL_CTRL instead of 0 up front "
               "(AMD-style enable copied to Intel): counters count while "
               "being restored, and on the host",
         find="mpmu_wr_global_ctrl(0);",
         replace="mpmu_wr_global_ctrl(ctx->global_ctrl);"),
    dict(id="load-gctl-enable-at-end", file=INTEL, requirement="REQ-ORDER",
         label="load ends by enabling the guest GLOBAL_CTRL (pre-mediated "
               "perf-based vPMU habit) although the VMCS loads it at "
               "VM-entry: guest counters count host code until entry",
         find="mpmu_wr_fixed_ctr_ctrl(ctx->fixed_ctr_ctrl_hw);\n\treturn 0;",
         replace="mpmu_wr_fixed_ctr_ctrl(ctx->fixed_ctr_ctrl_hw);\n"
                 "\tmpmu_wr_global_ctrl(ctx->global_ctrl);\n\treturn 0;"),

    # ---------------------------------------------------------------------
    # Intel load: validation (REQ-VALIDATE)
    # ---------------------------------------------------------------------
    dict(id="load-no-validation", file=INTEL, requirement="REQ-VALIDATE",
         label="validation skipped in load (\"the set_msr path already "
               "checked\"): a context restored by userspace with reserved "
               "bits or too many counters reaches WRMSR and #GPs",
         find="if (!mpmu_ctx_loadable(ctx))\n\t\treturn -MPMU_EINVAL;",
         replace=""),
    dict(id="loadable-no-counter-rsvd", file=INTEL,
         requirement="REQ-VALIDATE",
         label="loadable forgets the GP counter width check "
               "(host_counter_rsvd): a 64-bit value written to a 48-bit "
               "counter #GPs",
         find="if (ctx->gp_counter[i] & ctx->host_counter_rsvd)\n"
              "\t\t\treturn 0;",
         replace=""),
    dict(id="loadable-no-eventsel-rsvd", file=INTEL,
         requirement="REQ-VALIDATE",
         label="loadable forgets the selector reserved-bit check",
         find="if (ctx->gp_eventsel_hw[i] & MPMU_SEL_RSVD(ctx, i))\n"
              "\t\t\treturn 0;",
         replace=""),
    dict(id="loadable-fixed-loop-short", file=INTEL,
         requirement="REQ-VALIDATE",
         label="off-by-one in the fixed-counter validation loop: the last "
               "fixed counter (fixed counter 3 with PERF_METRICS) is never "
               "checked",
         find="for (i = 0; i < ctx->nr_fixed; i++) {\n"
              "\t\tif (ctx->fixed_counter[i]",
         replace="for (i = 0; i + 1 < ctx->nr_fixed; i++) {\n"
                 "\t\tif (ctx->fixed_counter[i]"),
    dict(id="loadable-no-fxctrl-rsvd", file=INTEL,
         requirement="REQ-VALIDATE",
         label="loadable accepts any FIXED_CTR_CTRL (AnyThread or reserved "
               "bits from userspace reach the MSR)",
         find="return (ctx->fixed_ctr_ctrl_hw & ctx->fixed_ctr_ctrl_rsvd) "
              "== 0 &&",
         replace="return 1 &&"),
    dict(id="loadable-no-gctl-check", file=INTEL,
         requirement="REQ-H2G-GCTL",
         label="load does not check the guest's GLOBAL_CTRL (\"the VMCS "
               "loads it, not us\"): after KVM_SET_CPUID shrank the "
               "counters, a stale enable bit of a counter the guest no "
               "longer has makes a host counter count guest code",
         find="&&\n\t       (ctx->global_ctrl & ctx->global_ctrl_rsvd) == 0;",
         replace=";"),
    dict(id="loadable-gctl-wrong-mask", file=INTEL,
         requirement="REQ-H2G-GCTL",
         label="GLOBAL_CTRL checked against the FIXED_CTR_CTRL mask "
               "(copy-paste of the line above): enable bits of GP "
               "counters the guest does not have pass",
         find="&& (ctx->global_ctrl & ctx->global_ctrl_rsvd) == 0;",
         replace="&& (ctx->global_ctrl & ctx->fixed_ctr_ctrl_rsvd) == 0;"),
    dict(id="puttable-no-host-gp-check", file=INTEL,
         requirement="REQ-VALIDATE",
         label="guest GP count not checked against the host's (trusting "
               "userspace CPUID): load/put touch counters the host lacks",
         find="ctx->nr_gp <= ctx->host_nr_gp &&", replace=""),
    dict(id="puttable-max-gp-off-by-one", file=INTEL,
         requirement="REQ-VALIDATE",
         label="off-by-one against KVM_MAX_NR_GP_COUNTERS: a host with "
               "exactly 8 GP counters is rejected",
         find="ctx->host_nr_gp <= MPMU_MAX_GP",
         replace="ctx->host_nr_gp < MPMU_MAX_GP"),
    dict(id="metrics-ok-fc3-off-by-one", file=INTEL,
         requirement="REQ-VALIDATE",
         label="fixed counter 3 test off by one (nr_fixed >= 3): a guest "
               "with the three architectural fixed counters is taken to "
               "have TOPDOWN.SLOTS and must have PERF_METRICS",
         find="int slots = ctx->nr_fixed > 3;",
         replace="int slots = ctx->nr_fixed >= 3;"),
    dict(id="metrics-ok-no-host-cap", file=INTEL,
         requirement="REQ-VALIDATE",
         label="host capability read from the guest's flag bit "
               "(copy-paste of the line above): guest PERF_METRICS is "
               "accepted on a host without it, where WRMSR/RDPMC of "
               "PERF_METRICS #GP",
         find="int host = (ctx->flags & MPMU_CTX_HOST_PERF_METRICS) != 0;",
         replace="int host = (ctx->flags & MPMU_CTX_PERF_METRICS) != 0;"),

    # ---------------------------------------------------------------------
    # Intel load: counters and selectors (REQ-H2G, REQ-FRAME, REQ-RSVD)
    # ---------------------------------------------------------------------
    dict(id="load-eventsel-not-hw", file=INTEL, requirement="REQ-H2G",
         issue=True,
         label="load writes gp_eventsel (what the guest wrote) instead of "
               "gp_eventsel_hw (what the filter allows): the event filter "
               "is bypassed",
         find="mpmu_wr_gp_eventsel(i, ctx->gp_eventsel_hw[i]);",
         replace="mpmu_wr_gp_eventsel(i, ctx->gp_eventsel[i]);"),
    dict(id="load-gp-loop-off-by-one", file=INTEL, requirement="REQ-FRAME",
         issue=True,
         label="loop bound off by one in the GP load loop (<=): one "
               "counter/selector beyond the guest's is written",
         find="for (i = 0; i < ctx->nr_gp; i++) {\n"
              "\t\t/* ctx_values_ok to REQ_RSVD",
         replace="for (i = 0; i <= ctx->nr_gp; i++) {\n"
                 "\t\t/* ctx_values_ok to REQ_RSVD"),
    dict(id="load-gp-loop-host-count", file=INTEL, requirement="REQ-FRAME",
         label="GP load loop runs to the host's counter count: counters the "
               "guest does not own are overwritten (host perf state lost)",
         find="for (i = 0; i < ctx->nr_gp; i++) {\n"
              "\t\t/* ctx_values_ok to REQ_RSVD",
         replace="for (i = 0; i < ctx->host_nr_gp; i++) {\n"
                 "\t\t/* ctx_values_ok to REQ_RSVD"),
    dict(id="load-gp-elision-inverted", file=INTEL, requirement="REQ-H2G",
         label="RDPMC elision inverted (== for !=, patch 34 gone wrong): "
               "counters that differ are not restored",
         find="if (mpmu_rdpmc_gp(i) != ctx->gp_counter[i])",
         replace="if (mpmu_rdpmc_gp(i) == ctx->gp_counter[i])"),
    dict(id="load-gp-elision-low32", file=INTEL, requirement="REQ-H2G",
         label="RDPMC elision compares the low 32 bits only (RDPMC's EAX "
               "half, as a 32-bit helper would): a counter whose high "
               "bits differ from the guest's is not restored (issue 25)",
         find="if (mpmu_rdpmc_gp(i) != ctx->gp_counter[i])\n"
              "\t\t\tmpmu_wr_gp_counter(i, ctx->gp_counter[i]);",
         replace="if ((mpmu_rdpmc_gp(i) & 0xffffffffull) !=\n"
                 "\t\t    (ctx->gp_counter[i] & 0xffffffffull))\n"
                 "\t\t\tmpmu_wr_gp_counter(i, ctx->gp_counter[i]);"),
    dict(id="put-zeroes-host-counter", file=INTEL, requirement="REQ-FRAME",
         label="put also scrubs the first counter past the guest's "
               "(\"the guest might have touched it\"): a counter of host "
               "perf is read and zeroed (issue 25; host perf rewrites its "
               "counters at sched-in, which hid it from the tests)",
         find="mpmu_wr_gp_eventsel(i, 0);\n\t}\n}",
         replace="mpmu_wr_gp_eventsel(i, 0);\n\t}\n"
                 "\tif (ctx->nr_gp < ctx->host_nr_gp &&\n"
                 "\t    mpmu_rdpmc_gp(ctx->nr_gp))\n"
                 "\t\tmpmu_wr_gp_counter(ctx->nr_gp, 0);\n}"),
    dict(id="load-gp-selector-skipped", file=INTEL, requirement="REQ-H2G",
         label="selector write made conditional on the counter write "
               "(braces lost around the elided WRMSR): selectors of "
               "unchanged counters keep stale host values",
         find="mpmu_wr_gp_counter(i, ctx->gp_counter[i]);\n"
              "\t\tmpmu_wr_gp_eventsel(i, ctx->gp_eventsel_hw[i]);",
         replace="{ mpmu_wr_gp_counter(i, ctx->gp_counter[i]);\n"
                 "\t\tmpmu_wr_gp_eventsel(i, ctx->gp_eventsel_hw[i]); }"),
    dict(id="load-fixed-loop-off-by-one", file=INTEL,
         requirement="REQ-H2G", issue=True,
         label="fixed load loop stops one short: fixed counter 3 (or 2) "
               "keeps the host's value",
         find="for (j = 0; j < ctx->nr_fixed; j++) {\n"
              "\t\t/* ctx_values_ok to REQ_RSVD",
         replace="for (j = 0; j + 1 < ctx->nr_fixed; j++) {\n"
                 "\t\t/* ctx_values_ok to REQ_RSVD"),
    dict(id="load-fxctrl-skipped", file=INTEL, requirement="REQ-H2G",
         label="FIXED_CTR_CTRL not restored on load (\"it is intercepted, "
               "the guest cannot see it\"): the guest's fixed counters do "
               "not count, or count with host settings",
         find="mpmu_wr_fixed_ctr_ctrl(ctx->fixed_ctr_ctrl_hw);",
         replace=""),
    dict(id="load-fxctrl-unfiltered", file=INTEL, requirement="REQ-H2G",
         label="load writes fixed_ctr_ctrl instead of fixed_ctr_ctrl_hw: "
               "the filter's fixed-counter mask is bypassed",
         find="mpmu_wr_fixed_ctr_ctrl(ctx->fixed_ctr_ctrl_hw);",
         replace="mpmu_wr_fixed_ctr_ctrl(ctx->fixed_ctr_ctrl);"),

    # ---------------------------------------------------------------------
    # Intel load: GLOBAL_STATUS (REQ-H2G, REQ-ORDER, REQ-RSVD)
    # ---------------------------------------------------------------------
    dict(id="status-no-reset", file=INTEL, requirement="REQ-H2G",
         issue=True,
         label="status restored with SET only, without the RESET of host "
               "bits: stale host overflow bits show in the guest",
         edits=[("u64 clear = hw & toggle;", ""),
                ("if (clear)\n\t\tmpmu_wr_status_reset(clear);", "")]),
    dict(id="status-write-readonly", file=INTEL, requirement="REQ-RSVD",
         issue=True,
         label="guest status written straight to the read-only "
               "GLOBAL_STATUS (0x38E) instead of RESET/SET: #GP",
         find="if (clear)\n\t\tmpmu_wr_status_reset(clear);\n"
              "\tif (set)\n\t\tmpmu_wr_status_set(set);",
         replace="mpmu_hw_wrmsr(MPMU_MSR_IA32_PERF_GLOBAL_STATUS, "
                 "(hw & ~clear) | set);"),
    dict(id="status-reset-set-swapped-masks", file=INTEL,
         requirement="REQ-H2G",
         label="RESET and SET masks swapped: the guest's bits are cleared "
               "and the host's set",
         find="mpmu_wr_status_reset(clear);\n\tif (set)\n"
              "\t\tmpmu_wr_status_set(set);",
         replace="mpmu_wr_status_reset(set);\n\tif (set)\n"
                 "\t\tmpmu_wr_status_set(clear);"),
    dict(id="status-set-before-reset", file=INTEL,
         requirement="REQ-ORDER",
         label="SET written before RESET. The final status is the same "
               "(the masks are disjoint), but REQ-ORDER fixes RESET then "
               "SET (KVM's order, and the only safe one if a mask ever "
               "overlaps); kept because the trace differs",
         find="if (clear)\n\t\tmpmu_wr_status_reset(clear);\n"
              "\tif (set)\n\t\tmpmu_wr_status_set(set);",
         replace="if (set)\n\t\tmpmu_wr_status_set(set);\n"
                 "\tif (clear)\n\t\tmpmu_wr_status_reset(clear);"),
    dict(id="status-set-ignores-set-rsvd", file=INTEL,
         requirement="REQ-RSVD",
         label="SET mask built with the guest's global_status_rsvd instead "
               "of host_status_set_rsvd (two reserved masks confused): bit "
               "63 (CondChgd), which STATUS_SET cannot set, is written and "
               "#GPs",
         find="ctx->global_status_rsvd,\n\t\t\t       "
              "ctx->host_status_set_rsvd);",
         replace="ctx->global_status_rsvd,\n\t\t\t       "
                 "ctx->global_status_rsvd);"),
    dict(id="status-reset-all-hw", file=INTEL, requirement="REQ-H2G",
         label="RESET clears every hardware bit, but SET only sets the "
               "toggled ones (XOR optimisation applied to one side only): "
               "guest bits already set in hardware are lost",
         find="u64 clear = hw & toggle;", replace="u64 clear = hw;"),
    dict(id="status-restore-skipped", file=INTEL, requirement="REQ-H2G",
         label="GLOBAL_STATUS not restored at all on load (PMU version 2 "
               "style: no STATUS_SET): guest overflow bits vanish, host "
               "bits leak in",
         find="mpmu_intel_load_status(ctx->global_status, "
              "ctx->global_status_rsvd,\n\t\t\t       "
              "ctx->host_status_set_rsvd);",
         replace=""),
    dict(id="load-status-sets-host-bits", file=INTEL, requirement="REQ-H2G",
         label="load masks the context's status with the host's STATUS_SET "
               "mask instead of the guest's (copy-paste of the argument "
               "after it): a host-only bit that reached the context "
               "(KVM_SET_MSRS, an older save) is set into the guest's "
               "GLOBAL_STATUS through STATUS_SET",
         find="mpmu_intel_load_status(ctx->global_status, "
              "ctx->global_status_rsvd,",
         replace="mpmu_intel_load_status(ctx->global_status, "
                 "ctx->host_status_set_rsvd,"),

    # ---------------------------------------------------------------------
    # Intel PERF_METRICS / fixed counter 3 (REQ-METRICS-*)
    # ---------------------------------------------------------------------
    dict(id="load-metrics-before-fc3", file=INTEL,
         requirement="REQ-METRICS-ORDER", issue=True,
         label="PERF_METRICS written before fixed counter 3: the fixed "
               "counter 3 write then corrupts it (SDM 20.3.9.3)",
         edits=[("if (ctx->flags & MPMU_CTX_PERF_METRICS)\n"
                 "\t\tmpmu_wr_perf_metrics(ctx->perf_metrics);", ""),
                ("mpmu_load_fixed_counters(ctx);",
                 "if (ctx->flags & MPMU_CTX_PERF_METRICS)\n"
                 "\t\tmpmu_wr_perf_metrics(ctx->perf_metrics);\n"
                 "\tmpmu_load_fixed_counters(ctx);")]),
    dict(id="load-metrics-skipped", file=INTEL,
         requirement="REQ-METRICS-H2G",
         label="PERF_METRICS not restored on load: the guest sees the "
               "host's (or stale) topdown metrics",
         find="if (ctx->flags & MPMU_CTX_PERF_METRICS)\n"
              "\t\tmpmu_wr_perf_metrics(ctx->perf_metrics);",
         replace=""),
    dict(id="load-metrics-unconditional", file=INTEL,
         requirement="REQ-METRICS-G2H",
         label="PERF_METRICS restored without checking the guest "
               "capability: #GP on hosts without it, and host topdown state "
               "clobbered for guests without it",
         find="if (ctx->flags & MPMU_CTX_PERF_METRICS)\n"
              "\t\tmpmu_wr_perf_metrics(ctx->perf_metrics);",
         replace="mpmu_wr_perf_metrics(ctx->perf_metrics);"),
    dict(id="put-fc3-zeroed-before-metrics-read", file=INTEL,
         requirement="REQ-METRICS-ORDER", issue=True,
         label="fixed counter 3 zeroed before PERF_METRICS is read: the "
               "saved metrics are garbage (RDPMC moved after the counter "
               "scrub)",
         edits=[("if (ctx->flags & MPMU_CTX_PERF_METRICS)\n"
                 "\t\tctx->perf_metrics = mpmu_rdpmc_metrics();", ""),
                ("mpmu_put_fixed_counters(ctx);",
                 "mpmu_put_fixed_counters(ctx);\n"
                 "\tif (ctx->flags & MPMU_CTX_PERF_METRICS)\n"
                 "\t\tctx->perf_metrics = mpmu_rdpmc_metrics();")]),
    dict(id="put-metrics-not-scrubbed", file=INTEL,
         requirement="REQ-METRICS-G2H",
         label="PERF_METRICS not zeroed on put: the guest's topdown "
               "metrics leak to host perf",
         edits=[PUT_METRICS_SCRUB]),
    dict(id="put-metrics-elision-ignores-fc3", file=INTEL,
         requirement="REQ-METRICS-G2H",
         label="PERF_METRICS scrub elided whenever the saved value is 0, "
               "forgetting that zeroing fixed counter 3 disturbs it "
               "(write-elision optimisation taken one step too far)",
         find="(ctx->perf_metrics || ctx->fixed_counter[3])",
         replace="ctx->perf_metrics"),
    dict(id="put-metrics-scrub-before-fc3", file=INTEL,
         requirement="REQ-METRICS-G2H",
         label="PERF_METRICS zeroed before fixed counter 3 is zeroed: the "
               "fixed counter 3 write leaves PERF_METRICS unspecified, so "
               "the scrub is undone",
         edits=[PUT_METRICS_SCRUB,
                ("mpmu_put_fixed_counters(ctx);",
                 "if (ctx->flags & MPMU_CTX_PERF_METRICS)\n"
                 "\t\tmpmu_wr_perf_metrics(0);\n"
                 "\tmpmu_put_fixed_counters(ctx);")]),

    # ---------------------------------------------------------------------
    # Intel put (REQ-G2H, REQ-SAVE, REQ-VALIDATE)
    # ---------------------------------------------------------------------
    dict(id="put-status-not-cleared", file=INTEL, requirement="REQ-G2H",
         issue=True,
         label="status not cleared on put: stale guest overflow bits reach "
               "host perf's PMI handler",
         find="if (status)\n\t\tmpmu_wr_status_reset(status);", replace=""),
    dict(id="put-status-masked-save", file=INTEL, requirement="REQ-SAVE",
         label="status saved masked with global_ctrl_rsvd instead of "
               "global_status_rsvd (two masks confused): bits the guest's "
               "CPUID exposes beyond its counters (OvfBuf, CondChgd) are "
               "lost from the context",
         find="ctx->global_status = status & ~ctx->global_status_rsvd;",
         replace="ctx->global_status = status & ~ctx->global_ctrl_rsvd;"),
    dict(id="put-status-saves-host-bits", file=INTEL,
         requirement="REQ-SAVE", issue=True,
         label="GLOBAL_STATUS saved raw, as upstream does: a host-only bit "
               "hardware set while the guest ran (ToPA PMI 55, LBR/counter "
               "freeze 58/59, uncore 61) enters the guest's context and is "
               "restored into the guest at the next load",
         find="ctx->global_status = status & ~ctx->global_status_rsvd;",
         replace="ctx->global_status = status;"),
    dict(id="put-status-reset-guest-only", file=INTEL,
         requirement="REQ-G2H",
         label="put RESETs only the guest's status bits (\"the host's are "
               "the host's\"): a freeze bit a guest overflow set, or a host "
               "counter's overflow bit, stays for host perf",
         find="mpmu_wr_status_reset(status);",
         replace="mpmu_wr_status_reset(status & ~ctx->global_status_rsvd);"),
    dict(id="put-fxctrl-scrub-skipped", file=INTEL, requirement="REQ-G2H",
         issue=True,
         label="FIXED_CTR_CTRL scrub skipped on put: guest fixed counters "
               "count for the host when perf re-enables GLOBAL_CTRL (and "
               "leak the guest's configuration)",
         find="if (ctx->fixed_ctr_ctrl_hw)\n\t\tmpmu_wr_fixed_ctr_ctrl(0);",
         replace=""),
    dict(id="put-selector-zeroing-skipped", file=INTEL,
         requirement="REQ-G2H", issue=True,
         label="selector zeroing skipped on put: guest event selectors stay "
               "armed in the host",
         find="if (ctx->gp_eventsel_hw[i])\n\t\t\tmpmu_wr_gp_eventsel(i, 0);",
         replace=""),
    dict(id="put-counter-zeroing-skipped", file=INTEL,
         requirement="REQ-G2H", issue=True,
         label="GP counter zeroing skipped on put: guest counts visible to "
               "host RDPMC",
         find="if (count)\n\t\t\tmpmu_wr_gp_counter(i, 0);", replace=""),
    dict(id="put-fixed-zeroing-skipped", file=INTEL,
         requirement="REQ-G2H", issue=True,
         label="fixed counter zeroing skipped on put",
         find="if (count)\n\t\t\tmpmu_wr_fixed_counter(j, 0);", replace=""),
    dict(id="put-save-after-zeroing", file=INTEL, requirement="REQ-SAVE",
         label="counter saved after it was zeroed (RDPMC re-read after the "
               "scrub): the guest's count is lost",
         edits=[("ctx->gp_counter[i] = count;", ""),
                ("mpmu_wr_gp_counter(i, 0);",
                 "mpmu_wr_gp_counter(i, 0);\n"
                 "\t\tctx->gp_counter[i] = mpmu_rdpmc_gp(i);")]),
    dict(id="put-gp-loop-short", file=INTEL, requirement="REQ-G2H",
         issue=True,
         label="fencepost in the GP put loop (i + 1 < nr_gp): the last "
               "counter is neither saved nor scrubbed",
         find="for (i = 0; i < ctx->nr_gp; i++) {\n"
              "\t\tu64 count = mpmu_rdpmc_gp(i);",
         replace="for (i = 0; i + 1 < ctx->nr_gp; i++) {\n"
                 "\t\tu64 count = mpmu_rdpmc_gp(i);"),
    dict(id="put-fixed-loop-nr-gp", file=INTEL, requirement="REQ-RTE",
         label="fixed put loop bounded by nr_gp (copy-paste from the GP "
               "loop): reads past the fixed counters (array overrun, #GP "
               "RDPMC) or misses some",
         find="for (j = 0; j < ctx->nr_fixed; j++) {\n"
              "\t\tu64 count = mpmu_rdpmc_fixed(j);",
         replace="for (j = 0; j < ctx->nr_gp; j++) {\n"
                 "\t\tu64 count = mpmu_rdpmc_fixed(j);"),
    dict(id="put-no-validation", file=INTEL, requirement="REQ-VALIDATE",
         label="put skips the context check (\"load already validated\"): "
               "a context changed by KVM_SET_CPUID in between indexes "
               "counters the host lacks",
         find="if (!mpmu_ctx_puttable(ctx))\n\t\treturn -MPMU_EINVAL;\n\n"
              "\t/* Control and status first",
         replace="/* Control and status first"),

    # ---------------------------------------------------------------------
    # Typed MSR wrappers (REQ-RSVD)
    # ---------------------------------------------------------------------
    dict(id="legacy-pmc-alias", file=OPS, requirement="REQ-RSVD",
         issue=True,
         label="legacy 0xC1 counter alias instead of full-width 0x4C1: "
               "bit 31 is sign-extended, counts above 2^31 are corrupted",
         find="mpmu_hw_wrmsr(MPMU_MSR_IA32_A_PMC0 + i, val);",
         replace="mpmu_hw_wrmsr(MPMU_MSR_IA32_PMC0 + i, val);"),
    dict(id="gp-counter-amd-stride", file=OPS, requirement="REQ-RSVD",
         label="vendor-neutral MSR stride of 2 (AMD's) used for Intel GP "
               "counters: counter i goes to counter 2i",
         find="mpmu_hw_wrmsr(MPMU_MSR_IA32_A_PMC0 + i, val);",
         replace="mpmu_hw_wrmsr(MPMU_MSR_IA32_A_PMC0 + "
                 "MPMU_MSR_AMD_STRIDE * i, val);"),
    dict(id="rdpmc-fixed-wrong-bit", file=OPS, requirement="REQ-RSVD",
         issue=True,
         label="wrong RDPMC index bit for fixed counters (bit 29, the "
               "PERF_METRICS encoding, instead of bit 30)",
         find="return mpmu_hw_rdpmc(MPMU_RDPMC_FIXED + j);",
         replace="return mpmu_hw_rdpmc(MPMU_RDPMC_METRICS + j);"),
    dict(id="rdpmc-metrics-wrong-bit", file=OPS, requirement="REQ-RSVD",
         label="PERF_METRICS read with RDPMC bit 30 (the fixed-counter "
               "encoding): reads fixed counter 0",
         find="return mpmu_hw_rdpmc(MPMU_RDPMC_METRICS);",
         replace="return mpmu_hw_rdpmc(MPMU_RDPMC_FIXED);"),
    dict(id="status-reset-wrong-msr", file=OPS, requirement="REQ-RSVD",
         label="status RESET written to GLOBAL_STATUS (0x38E) instead of "
               "GLOBAL_STATUS_RESET (0x390): #GP, the register is "
               "read-only",
         find="mpmu_hw_wrmsr(MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET, val);",
         replace="mpmu_hw_wrmsr(MPMU_MSR_IA32_PERF_GLOBAL_STATUS, val);"),

    # ---------------------------------------------------------------------
    # Host-initiated MSR access (REQ-VALIDATE)
    # ---------------------------------------------------------------------
    dict(id="bank-index-off-by-one", file=MSR, requirement="REQ-VALIDATE",
         label="off-by-one in mpmu_bank_index (<= n): the MSR one past the "
               "guest's last counter is accepted",
         find="msr - base < n)", replace="msr - base <= n)"),
    dict(id="set-counter-rsvd-ignored", file=MSR, requirement="REQ-VALIDATE",
         issue=True,
         label="reserved mask ignored in the MSR set path (GP counters): a "
               "value wider than the counter is accepted and #GPs at load",
         find="if (!mpmu_valid_bits(data, ctx->counter_rsvd) ||\n"
              "\t\t    !mpmu_valid_bits(data, ctx->host_counter_rsvd))\n"
              "\t\t\treturn -MPMU_EINVAL;",
         replace=""),
    dict(id="set-eventsel-rsvd-ignored", file=MSR,
         requirement="REQ-VALIDATE",
         label="reserved mask ignored for selector writes",
         find="u64 rsvd = MPMU_SEL_RSVD(ctx, i);",
         replace="u64 rsvd = 0;"),
    dict(id="set-gctl-rsvd-ignored", file=MSR, requirement="REQ-VALIDATE",
         label="reserved mask ignored for GLOBAL_CTRL writes: VM-entry "
               "fails on the reserved bit",
         find="if (!mpmu_valid_bits(data, ctx->global_ctrl_rsvd))\n"
              "\t\t\treturn -MPMU_EINVAL;",
         replace=""),
    dict(id="set-eventsel-hw-enabled", file=MSR, requirement="REQ-VALIDATE",
         label="selector write copied to eventsel_hw with EN kept (Intel's "
               "intel_pmu_set_msr shape without the pending reprogram): a "
               "filtered event counts until the next refresh",
         edits=[{"re": r"u64 hw = data & " + NOT_RE.format(
                       "MPMU_EVTSEL_EN") + ";",
                 "sub": "u64 hw = data;"}]),
    dict(id="set-fxctrl-hw-copied", file=MSR, requirement="REQ-VALIDATE",
         label="FIXED_CTR_CTRL write copied to fixed_ctr_ctrl_hw unfiltered",
         find="ctx->fixed_ctr_ctrl_hw = 0;",
         replace="ctx->fixed_ctr_ctrl_hw = data;"),
    dict(id="set-status-reset-clears", file=MSR, requirement="REQ-VALIDATE",
         label="host-initiated STATUS_RESET write emulated like a guest "
               "write (clears bits): KVM ignores host-initiated writes "
               "there, so migration would drop overflow bits",
         find="/* A host-initiated write clears nothing (as in KVM). */\n"
              "\t\tif (!mpmu_valid_bits(data, ctx->global_status_rsvd))\n"
              "\t\t\treturn -MPMU_EINVAL;\n\t\treturn 0;",
         replace="if (!mpmu_valid_bits(data, ctx->global_status_rsvd))\n"
                 "\t\t\treturn -MPMU_EINVAL;\n"
                 "\t\tctx->global_status &= ~data;\n\t\treturn 0;"),
    dict(id="set-metrics-no-cap", file=MSR, requirement="REQ-VALIDATE",
         label="PERF_METRICS set accepted for a guest without the "
               "capability",
         find="if (!(ctx->flags & MPMU_CTX_PERF_METRICS))\n"
              "\t\t\treturn -MPMU_ENOENT;\n\t\tctx->perf_metrics = data;",
         replace="ctx->perf_metrics = data;"),
    dict(id="set-fixed-bank-nr-gp", file=MSR, requirement="REQ-VALIDATE",
         label="fixed-counter bank sized with nr_gp in set (copy-paste): "
               "writes past the guest's fixed counters are accepted",
         find="i = mpmu_bank_index(msr, MPMU_MSR_IA32_FIXED_CTR0, "
              "ctx->nr_fixed);\n\tif (i >= 0) {\n"
              "\t\t/* Modulo the guest's width (KVM pmc_write_counter). */",
         replace="i = mpmu_bank_index(msr, MPMU_MSR_IA32_FIXED_CTR0, "
                 "ctx->nr_gp);\n\tif (i >= 0) {\n"
                 "\t\t/* Modulo the guest's width (KVM pmc_write_counter). */"),
    dict(id="get-eventsel-returns-hw", file=MSR, requirement="REQ-VALIDATE",
         label="get returns eventsel_hw (what hardware has) instead of what "
               "the guest wrote: a filtered guest reads back EN cleared",
         find="*data = ctx->gp_eventsel[i];",
         replace="*data = ctx->gp_eventsel_hw[i];"),
    dict(id="get-no-legacy-alias", file=MSR, requirement="REQ-VALIDATE",
         label="get forgets the legacy 0xC1 counter aliases (only the "
               "full-width ones are looked up): KVM_GET_MSRS of PERFCTR0 "
               "fails",
         edits=[{"re": r"(int mpmu_get_msr\(.*?)\tif \(i < 0\)\n"
                       r"\t\ti = mpmu_bank_index\(msr, MPMU_MSR_IA32_PMC0, "
                       r"ctx->nr_gp\);\n",
                 "sub": r"\1"}]),

    dict(id="get-metrics-no-cap", file=MSR, requirement="REQ-VALIDATE",
         issue=True,
         label="KVM_GET_MSRS of PERF_METRICS answered for a guest without "
               "PERF_CAPABILITIES[15] (the capability test copied only into "
               "the set path): the read succeeds with a stale value",
         find="if (!(ctx->flags & MPMU_CTX_PERF_METRICS))\n"
              "\t\t\treturn -MPMU_ENOENT;\n\t\t*data = ctx->perf_metrics;",
         replace="*data = ctx->perf_metrics;"),
    dict(id="get-status-reset-reads-status", file=MSR,
         requirement="REQ-VALIDATE",
         label="GLOBAL_STATUS_RESET read as GLOBAL_STATUS (one case label "
               "too many above it): a write-1-to-clear MSR that must read 0 "
               "returns the status",
         find="*data = 0;", replace="*data = ctx->global_status;"),

    # ---------------------------------------------------------------------
    # Event filter (REQ-FILTER)
    # ---------------------------------------------------------------------
    dict(id="filter-key-no-umask", file=MSR, requirement="REQ-FILTER",
         label="filter key built from the event select only (bits 7:0), "
               "unit mask ignored: an allowed event with another umask "
               "passes the filter",
         find="mpmu_event_allowed(filter, sel & MPMU_EVTSEL_EVENT_UMASK)",
         replace="mpmu_event_allowed(filter, sel & 0xff)"),
    dict(id="filter-disallowed-keeps-en", file=MSR,
         requirement="REQ-FILTER",
         label="disallowed event copied unchanged (EN not cleared)",
         edits=[{"re": r"\bhw\s*=\s*sel\s*&\s*" +
                       NOT_RE.format("MPMU_EVTSEL_EN") + ";",
                 "sub": "hw = sel;"}]),
    dict(id="filter-fixed3-wrong-bit", file=MSR, requirement="REQ-FILTER",
         label="fixed counter 3 checked against bit 2 of fixed_allowed "
               "(copy-paste): TOPDOWN.SLOTS allowed when fixed counter 2 is",
         find="(allowed & 8u)", replace="(allowed & 4u)"),
    dict(id="filter-fixed3-nr-off-by-one", file=MSR,
         requirement="REQ-FILTER",
         label="fixed counter 3 enabled for a guest with three fixed "
               "counters (nr_fixed > 2 for > 3)",
         find="nr_fixed > 3 && (allowed & 8u)",
         replace="nr_fixed > 2 && (allowed & 8u)"),
    dict(id="filter-fixed-upper-bits", file=MSR, requirement="REQ-FILTER",
         label="FIXED_CTR_CTRL upper bits (fields of fixed counters the "
               "core does not know) passed through unfiltered: the allowed "
               "mask starts from every bit above the four known fields "
               "instead of 0 (\"keep what we do not know about\")",
         find="u64 mask = 0;", replace="u64 mask = 0xffffffffffff0000ull;"),
    dict(id="filter-gp-loop-short", file=MSR, requirement="REQ-FILTER",
         label="filter loop stops one selector short: the last selector "
               "keeps a stale (possibly enabled) hardware value",
         find="for (i = 0; i < nr_gp; i++) {",
         replace="for (i = 0; i + 1 < nr_gp; i++) {"),
    dict(id="filter-event-search-short", file=MSR, requirement="REQ-FILTER",
         label="allow-list search skips the last listed event: an allowed "
               "event is denied",
         find="for (k = 0; k < filter->nr_events; k++) {",
         replace="for (k = 0; k + 1 < filter->nr_events; k++) {"),
    dict(id="filter-default-allow", file=MSR, requirement="REQ-FILTER",
         label="allow-list treated as deny-list default (returns 1 when the "
               "event is not listed): a disallowed event is allowed",
         find="return 1;\n\t}\n\treturn 0;",
         replace="return 1;\n\t}\n\treturn 1;"),

    # ---------------------------------------------------------------------
    # VMX plumbing (REQ-SKL, REQ-ROUNDTRIP, REQ-OWN)
    # ---------------------------------------------------------------------
    dict(id="vmx-exit-save-mandatory", file=VMX, requirement="REQ-SKL",
         requires=VMX, issue=True,
         label="the VM-exit save control made mandatory (v4 of the "
               "series): Skylake and Icelake hosts are rejected",
         find="!(caps->exit_ctls_allowed & MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL))",
         replace="!(caps->exit_ctls_allowed & "
                 "MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL) ||\n"
                 "\t    !(caps->exit_ctls_allowed & "
                 "MPMU_VM_EXIT_SAVE_PERF_GLOBAL_CTRL))"),
    dict(id="vmx-pmu-v2-bailout", file=VMX, requirement="REQ-SKL",
         requires=VMX, issue=True,
         label="PMU-version-2-only bail-out: hosts are refused only below "
               "version 2 (KVM's advertised guest version cap mistaken for "
               "the host requirement); v2/v3 hosts lack STATUS_SET",
         find="caps->pmu_version < 4", replace="caps->pmu_version < 2"),
    dict(id="vmx-no-fw-writes-check", file=VMX, requirement="REQ-FEATURES",
         requires=VMX, issue=True,
         label="full-width write capability not required: load and put "
               "then write counters through 0x4C1+, which a host without "
               "PERF_CAPABILITIES[13] lacks (the WRMSR #GPs, the kernel "
               "skips it: a guest count left in a host counter)",
         find="!(caps->perf_capabilities & MPMU_PERF_CAP_FW_WRITES) ||",
         replace=""),
    dict(id="vmx-autostore-no-writeback", file=VMX,
         requirement="REQ-ROUNDTRIP", requires=VMX, issue=True,
         label="auto-store value not written back to the VMCS guest field: "
               "the next VM-entry loads a stale GLOBAL_CTRL (guest writes "
               "lost on Skylake/Icelake)",
         find="mpmu_hw_vmcs_write64(MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL, gctl);",
         replace=""),
    dict(id="vmx-refresh-after-failed-entry", file=VMX,
         requirement="REQ-ROUNDTRIP", requires=VMX, issue=True,
         label="refresh done after a failed VM-entry (the failure checked "
               "only before the context update): the stale MSR-store slot "
               "is written back into the VMCS guest field",
         edits=[("if (entry_failed)\n\t\treturn;", ""),
                ("ctx->global_ctrl = gctl;",
                 "if (entry_failed)\n\t\treturn;\n"
                 "\tctx->global_ctrl = gctl;")]),
    dict(id="vmx-fw-writes-wrong-bit", file=VMX, requirement="REQ-FEATURES",
         requires=VMX,
         label="full-width writes tested on PERF_CAPABILITIES[15] "
               "(PERF_METRICS) instead of [13]: an Icelake-like host "
               "without full-width writes but with topdown passes",
         find="!(caps->perf_capabilities & MPMU_PERF_CAP_FW_WRITES) ||",
         replace="!(caps->perf_capabilities & MPMU_PERF_CAP_PERF_METRICS) "
                 "||"),
    dict(id="amd-configure-perfmon-v1", file=AMD, requirement="REQ-FEATURES",
         requires=AMD,
         label="AMD hosts accepted from PMU version 1 (the legacy K7 "
               "counters): PerfCntrGlobalCtl/Status/StatusClr/StatusSet, "
               "which load and put write, do not exist there",
         find="if (pmu_version < 2)", replace="if (pmu_version < 1)"),
    dict(id="vmx-refresh-path-inverted", file=VMX,
         requirement="REQ-ROUNDTRIP", requires=VMX,
         label="save-control and auto-store paths swapped (inverted "
               "cpu_has_save_perf_global_ctrl test)",
         find="if (cfg->use_autostore) {",
         replace="if (!cfg->use_autostore) {"),
    dict(id="vmx-refresh-reads-host-field", file=VMX,
         requirement="REQ-ROUNDTRIP", requires=VMX,
         label="refresh reads HOST_IA32_PERF_GLOBAL_CTRL (0x2c04) instead of "
               "the guest field: the guest's GLOBAL_CTRL becomes 0",
         find="gctl = mpmu_hw_vmcs_read64(MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL);",
         replace="gctl = mpmu_hw_vmcs_read64(MPMU_VMCS_HOST_PERF_GLOBAL_CTRL);"),
    dict(id="vmx-global-msrs-always-passed", file=VMX,
         requirement="REQ-OWN", requires=VMX,
         label="GLOBAL_* MSRs passed through even when the guest has fewer "
               "counters than the host: the guest reads host counters' "
               "status/enable bits",
         find="out->pass_global_msrs = same_counters;",
         replace="out->pass_global_msrs = 1;"),
    dict(id="vmx-rdpmc-ignores-widths", file=VMX, requirement="REQ-OWN",
         requires=VMX,
         label="counter-width test inverted (!widths_equal) in the RDPMC "
               "decision (kvm_need_rdpmc_intercept wants equal widths): "
               "RDPMC is passed through exactly when the guest's counters "
               "are narrower than the host's, so it reads bits above its "
               "width",
         find="out->pass_rdpmc = same_counters && widths_equal &&",
         replace="out->pass_rdpmc = same_counters && !widths_equal &&"),
    dict(id="vmx-rdpmc-ignores-metrics", file=VMX, requirement="REQ-OWN",
         requires=VMX,
         label="PERF_METRICS test relaxed to guest <= host (\"a guest "
               "with less is fine\"): RDPMC is passed through when the host "
               "has PERF_METRICS and the guest does not, and RDPMC bit 29 "
               "reads the host's topdown metrics",
         find="guest_metrics == host_metrics;",
         replace="guest_metrics <= host_metrics;"),
    dict(id="vmx-metrics-passed-by-host", file=VMX, requirement="REQ-OWN",
         requires=VMX,
         label="PERF_METRICS passed through when the host has it (the "
               "host flag tested for the guest's): a guest without the "
               "capability reads the host's topdown metrics with RDMSR",
         find="out->pass_perf_metrics = guest_metrics;",
         replace="out->pass_perf_metrics = host_metrics;"),
    dict(id="vmx-selectors-passed", file=VMX, requirement="REQ-OWN",
         requires=VMX,
         label="selectors passed through for mediated vCPUs: the event "
               "filter can no longer be enforced",
         find="out->pass_selectors = 0;", replace="out->pass_selectors = 1;"),

    # ---------------------------------------------------------------------
    # AMD PerfMonV2 (REQ-ORDER, REQ-G2H, REQ-H2G, REQ-VALIDATE, REQ-RSVD)
    # ---------------------------------------------------------------------
    dict(id="amd-stride-1", file=OPS, requirement="REQ-RSVD", requires=AMD,
         issue=True,
         label="AMD counter MSRs with stride 1 instead of 2: PERF_CTRi "
               "lands on PERF_CTL/CTR of another counter (the CTL/CTR "
               "pairs interleave)",
         find="mpmu_hw_wrmsr(MPMU_MSR_AMD_PERF_CTR0 + MPMU_MSR_AMD_STRIDE * i,"
              " val);",
         replace="mpmu_hw_wrmsr(MPMU_MSR_AMD_PERF_CTR0 + i, val);"),
    dict(id="amd-eventsel-stride-1", file=OPS, requirement="REQ-RSVD",
         requires=AMD,
         label="AMD selector MSRs with stride 1 (the legacy K7 layout "
               "0xC0010000+i): selector i lands on counter (i-1)/2's MSR",
         find="mpmu_hw_wrmsr(MPMU_MSR_AMD_PERF_CTL0 + MPMU_MSR_AMD_STRIDE * i,"
              " val);",
         replace="mpmu_hw_wrmsr(MPMU_MSR_AMD_PERF_CTL0 + i, val);"),
    dict(id="amd-guestonly-not-forced", file=AMD, requirement="REQ-H2G",
         requires=AMD, issue=True,
         label="GuestOnly not forced in the AMD selector (HostOnly cleared "
               "only): with GlobalCtl enabled in the host, guest counters "
               "count host code",
         edits=[{"re": r"return \(sel & (" + NOT_RE.format(
                       "MPMU_AMD_EVTSEL_HOSTONLY") +
                       r")\)\s*\|\s*MPMU_AMD_EVTSEL_GUESTONLY;",
                 "sub": r"return sel & \1;"}]),
    dict(id="amd-load-sel-not-sanitized", file=AMD, requirement="REQ-H2G",
         requires=AMD,
         label="AMD load writes gp_eventsel_hw as is (\"set_msr already "
               "forced GuestOnly\"), but a context restored by userspace "
               "may carry HostOnly and no GuestOnly",
         find="u64 sel = mpmu_amd_load_sel(ctx->gp_eventsel_hw[i]);",
         replace="u64 sel = ctx->gp_eventsel_hw[i];"),
    dict(id="amd-globalctl-before-selectors", file=AMD,
         requirement="REQ-ORDER", requires=AMD, issue=True,
         label="AMD GlobalCtl enabled before the selectors are loaded "
               "(Sean's RFC v3 review): host-configured selectors count "
               "with the guest's enables, and counters change while "
               "counting",
         edits=[("mpmu_amd_enable(ctx->global_ctrl);", ""),
                ("mpmu_amd_load_counters(ctx);",
                 "mpmu_amd_enable(ctx->global_ctrl);\n"
                 "\tmpmu_amd_load_counters(ctx);")]),
    dict(id="amd-load-gctl-zero-dropped", file=AMD, requirement="REQ-ORDER",
         requires=AMD,
         label="AMD load does not zero GlobalCtl first (\"perf has "
               "disabled its events\"): counters are restored while "
               "GlobalCtl still enables them",
         find="return -MPMU_EINVAL;\n\n\tmpmu_amd_wr_global_ctl(0);",
         replace="return -MPMU_EINVAL;\n"),
    dict(id="amd-load-gctl-not-enabled", file=AMD, requirement="REQ-H2G",
         requires=AMD,
         label="AMD load never writes the guest's GlobalCtl (Intel's VMCS "
               "habit carried over; SVM does not load it at VMRUN): the "
               "guest's counters never count",
         find="mpmu_amd_enable(ctx->global_ctrl);", replace=""),
    dict(id="amd-put-globalctl-not-cleared", file=AMD,
         requirement="REQ-G2H", requires=AMD,
         label="AMD put does not clear GlobalCtl (SVM has no #VMEXIT load "
               "of it): guest-enabled counters keep counting in the host",
         find="/* First write: nothing the guest enabled may count from here "
              "on. */"
              "\n\tmpmu_amd_wr_global_ctl(0);",
         replace=""),
    dict(id="amd-put-globalctl-cleared-late", file=AMD,
         requirement="REQ-ORDER", requires=AMD,
         label="AMD put clears GlobalCtl after saving and scrubbing the "
               "counters: they are read and zeroed while still counting",
         edits=[("/* First write: nothing the guest enabled may count from "
                 "here on. */\n\tmpmu_amd_wr_global_ctl(0);", ""),
                ("mpmu_amd_put_counters(ctx);\n\treturn 0;",
                 "mpmu_amd_put_counters(ctx);\n"
                 "\tmpmu_amd_wr_global_ctl(0);\n\treturn 0;")]),
    dict(id="amd-put-status-saves-host-bits", file=AMD,
         requirement="REQ-SAVE", requires=AMD,
         label="AMD status saved raw: a bit the guest does not own (LBR or "
               "counter freeze 58/59 set by hardware for the host) enters "
               "the guest's context",
         find="ctx->global_status = status & ~ctx->global_status_rsvd;",
         replace="ctx->global_status = status;"),
    dict(id="amd-load-status-sets-host-bits", file=AMD,
         requirement="REQ-H2G", requires=AMD,
         label="AMD load masks the context's status with the host's "
               "StatusSet mask instead of the guest's: a bit outside the "
               "guest's mask is set into its PerfCntrGlobalStatus",
         find="mpmu_amd_load_status(ctx->global_status, "
              "ctx->global_status_rsvd,",
         replace="mpmu_amd_load_status(ctx->global_status, "
                 "ctx->host_status_set_rsvd,"),
    dict(id="amd-put-gctl-not-saved", file=AMD, requirement="REQ-SAVE",
         requires=AMD, issue=True,
         label="AMD put does not save PerfCntrGlobalCtl (upstream leaves it "
               "to the per-exit refresh): a put before the refresh, or a "
               "refresh skipped, loses the guest's value when put zeroes it",
         find="mpmu_amd_put_quiesce(ctx);",
         replace="mpmu_amd_wr_global_ctl(0);"),
    dict(id="amd-put-gctl-saved-after-zero", file=AMD, requirement="REQ-SAVE",
         requires=AMD,
         label="AMD put zeroes PerfCntrGlobalCtl before reading it (the two "
               "lines in the wrong order): the context saves 0",
         edits=[("ctx->global_ctrl = mpmu_amd_rd_global_ctl();\n\t/* First "
                 "write", "/* First write"),
                ("mpmu_amd_wr_global_ctl(0);\n}",
                 "mpmu_amd_wr_global_ctl(0);\n"
                 "\tctx->global_ctrl = mpmu_amd_rd_global_ctl();\n}")]),
    dict(id="amd-put-status-not-cleared", file=AMD, requirement="REQ-G2H",
         requires=AMD,
         label="AMD put does not clear PerfCntrGlobalStatus: guest overflow "
               "bits reach the host's PMI handler",
         find="if (status)\n\t\tmpmu_amd_wr_status_clr(status);",
         replace=""),
    dict(id="amd-load-elision-low32", file=AMD, requirement="REQ-H2G",
         requires=AMD,
         label="AMD RDPMC elision compares the low 32 bits only: a "
               "counter whose high bits differ from the guest's is not "
               "restored (issue 25)",
         find="if (mpmu_rdpmc_gp(i) != ctx->gp_counter[i])\n"
              "\t\t\tmpmu_amd_wr_counter(i, ctx->gp_counter[i]);",
         replace="if ((mpmu_rdpmc_gp(i) & 0xffffffffull) !=\n"
                 "\t\t    (ctx->gp_counter[i] & 0xffffffffull))\n"
                 "\t\t\tmpmu_amd_wr_counter(i, ctx->gp_counter[i]);"),
    dict(id="amd-put-zeroes-host-counter", file=AMD,
         requirement="REQ-FRAME", requires=AMD,
         label="AMD put also reads and zeroes the counter just past the "
               "guest's (off-by-one scrub): a counter of host perf is "
               "zeroed; host perf rewrote it at sched-in, so no test saw "
               "it (issue 25)",
         find="mpmu_amd_wr_eventsel(i, 0);\n\t}\n}",
         replace="mpmu_amd_wr_eventsel(i, 0);\n\t}\n"
                 "\tif (ctx->nr_gp < ctx->host_nr_gp &&\n"
                 "\t    mpmu_rdpmc_gp(ctx->nr_gp))\n"
                 "\t\tmpmu_amd_wr_counter(ctx->nr_gp, 0);\n}"),
    dict(id="amd-put-selector-skipped", file=AMD, requirement="REQ-G2H",
         requires=AMD,
         label="AMD put skips the selector scrub (\"GuestOnly selectors "
               "cannot count host code\"): the guest's configuration stays "
               "in host-visible selectors",
         edits=[{"re": r"(?:if \([^;{}]*\)\s*)?mpmu_amd_wr_eventsel\(i, 0\);",
                 "sub": ""}]),
    dict(id="amd-max-gp-intel-limit", file=AMD, requirement="REQ-VALIDATE",
         requires=AMD,
         label="AMD counter limit taken from Intel's (8 instead of 6 "
               "PerfMonV2 core counters): contexts with 7-8 counters are "
               "accepted",
         find="ctx->host_nr_gp <= MPMU_AMD_MAX_GP",
         replace="ctx->host_nr_gp <= MPMU_MAX_GP"),
    dict(id="amd-loadable-no-gctl-rsvd", file=AMD,
         requirement="REQ-VALIDATE", requires=AMD,
         label="AMD loadable does not check GlobalCtl reserved bits, which "
               "load writes to hardware (#GP)",
         find="return (ctx->global_ctrl & ctx->global_ctrl_rsvd) == 0;",
         replace="return 1;"),
]

# The extended catalogue: run by `run.py --all` (and by --only), not by
# `make mutants`, which must stay under 15 minutes on 2 cores. The default
# set keeps every bug issue 7 names plus at least one mutant per
# requirement and per proved file; these add depth to the same themes.
EXTRA = [
    "load-gctl-guest-value", "loadable-no-eventsel-rsvd",
    "loadable-fixed-loop-short", "loadable-no-fxctrl-rsvd",
    "puttable-no-host-gp-check", "puttable-max-gp-off-by-one",
    "metrics-ok-fc3-off-by-one", "load-gp-loop-host-count",
    "load-gp-elision-inverted", "load-gp-selector-skipped",
    "load-fxctrl-skipped", "status-reset-all-hw", "status-restore-skipped",
    "load-metrics-skipped", "put-metrics-not-scrubbed",
    "put-metrics-scrub-before-fc3", "put-no-validation",
    "gp-counter-amd-stride", "rdpmc-metrics-wrong-bit",
    "status-reset-wrong-msr", "set-eventsel-rsvd-ignored",
    "set-gctl-rsvd-ignored", "set-fxctrl-hw-copied", "set-metrics-no-cap",
    "set-fixed-bank-nr-gp", "get-no-legacy-alias",
    "filter-disallowed-keeps-en", "filter-fixed3-nr-off-by-one",
    "filter-fixed-upper-bits", "filter-gp-loop-short",
    "filter-event-search-short", "vmx-fw-writes-wrong-bit",
    "vmx-refresh-path-inverted", "vmx-refresh-reads-host-field",
    "vmx-selectors-passed", "amd-eventsel-stride-1",
    "amd-load-sel-not-sanitized", "amd-load-gctl-not-enabled",
    "amd-put-globalctl-cleared-late", "amd-put-status-not-cleared",
    "put-status-reset-guest-only", "amd-load-status-sets-host-bits",
    "amd-put-selector-skipped", "amd-max-gp-intel-limit",
    "amd-loadable-no-gctl-rsvd", "load-gp-elision-low32",
    "amd-load-elision-low32", "put-zeroes-host-counter",
    "amd-put-zeroes-host-counter",
]
