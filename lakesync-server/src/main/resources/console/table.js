// One synced table (table.html?name=schema.table): status, definition, chart, run history and
// the sync now / full refresh / pause buttons. Status, chart and newest runs refresh every 2 s.
"use strict";

(() => {
  const L = Lakesync;
  const REFRESH_MS = 2000;
  const params = new URLSearchParams(location.search);
  const name = params.get("name");
  // Runs per page of the history; ?runs_page_size=N changes it (1..500, as the API allows).
  const runsPageSize = Math.min(500, Math.max(1, parseInt(params.get("runs_page_size"), 10) || 20));
  const path = name ? L.tablePath(name) : null;

  let timer = null;
  let table = null;
  // Answers can arrive out of order (a refresh in flight while a PATCH returns): only a newer
  // request's answer may replace what is shown.
  let tableRequests = 0;
  let tableShown = 0;
  const runs = new Map();
  let olderRunsToken; // undefined until the first page arrived, then the token or null
  let chart = null;
  let refreshError = false;

  // ---- Status ------------------------------------------------------------------------------

  function renderTable(t) {
    table = t;
    const status = t.data_synchronization_status || {};
    const spec = t.spec || {};
    document.title = "lakesync · " + t.name;
    L.fill("table-name", t.name);
    L.fill("crumb-name", t.name);
    L.fill("state-badge", L.stateBadge(status.detailed_state));
    L.fill("paused-badge", t.paused ? L.el("span", { className: "badge warn" }, "paused") : null);
    L.fill("pause-toggle", t.paused ? "Resume" : "Pause");

    L.fill("status-state", status.detailed_state || "—");
    L.fill("status-message", status.message || "—");
    renderLastSync(status.last_sync);
    L.fill("row-count", L.number(status.row_count));
    L.fill("lag", status.lag
      ? L.number(status.lag.versions_behind) + " versions · " + L.seconds(status.lag.seconds_behind) + " behind the source"
      : "—");
    renderFreshness(status.freshness);
    renderSchedule(spec, status.schedule_status);
    renderLastError(status.last_error);
    renderProgress(status.progress);
    renderSpec(t);
  }

  function renderLastSync(lastSync) {
    if (!lastSync) {
      L.fill("last-sync-version", "not synced yet");
      L.fill("last-sync-commit", "—");
      L.fill("last-sync-run", "—");
      return;
    }
    L.fill("last-sync-version", String(lastSync.delta_commit_version));
    L.fill("last-sync-commit", L.agoNode(lastSync.delta_commit_timestamp),
      L.el("span", { className: "subtle" }, " · " + L.time(lastSync.delta_commit_timestamp)));
    L.fill("last-sync-run", "ended ", L.agoNode(lastSync.sync_end_timestamp),
      L.el("span", { className: "subtle" },
        " · took " + L.duration(lastSync.sync_start_timestamp, lastSync.sync_end_timestamp)));
  }

  function renderFreshness(freshness) {
    if (!freshness || freshness.sla_seconds === undefined) {
      L.fill("freshness", L.el("span", { className: "subtle" }, "no SLA set"));
      return;
    }
    const sla = "SLA " + L.number(freshness.sla_seconds) + " s · ";
    if (freshness.breached) {
      L.fill("freshness", sla, L.el("span", { className: "badge bad breached" }, "breached"),
        freshness.breached_since ? " since " + L.time(freshness.breached_since) : "");
    } else {
      L.fill("freshness", sla, L.el("span", { className: "badge ok" }, "fresh"));
    }
  }

  function renderSchedule(spec, scheduleStatus) {
    if (spec.scheduling_policy === "CONTINUOUS") {
      L.fill("schedule", "continuous: new versions are applied as they land");
      return;
    }
    const parts = [L.schedule(spec.schedule)];
    if (scheduleStatus) {
      if (scheduleStatus.next_run_at) {
        parts.push(" · next run ", L.el("span", { title: L.time(scheduleStatus.next_run_at) },
          L.until(scheduleStatus.next_run_at)));
      }
      const missed = scheduleStatus.missed_slots || 0;
      parts.push(" · ", L.el("span", { className: missed > 0 ? "badge warn" : "subtle" },
        missed + " missed slot" + (missed === 1 ? "" : "s")));
    }
    L.fill("schedule", parts);
  }

  function renderLastError(error) {
    if (!error) {
      L.fill("last-error", L.el("span", { className: "subtle" }, "none"));
      return;
    }
    const retry = error.next_retry_at
      ? "retries by itself " + L.until(error.next_retry_at)
      : "no automatic retry: fix the cause, then sync again";
    L.fill("last-error",
      L.el("div", { className: "error-text" }, L.el("code", {}, error.error_code || "ERROR"), " ", error.message || ""),
      L.el("div", { className: "subtle" }, "at " + L.time(error.at) + " · " + retry));
  }

  function renderProgress(progress) {
    const box = document.getElementById("progress");
    if (!progress) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    const completion = progress.completion === undefined ? null : Math.max(0, Math.min(1, progress.completion));
    document.getElementById("progress-fill").style.width = completion === null ? "0%" : (completion * 100).toFixed(1) + "%";
    let label = L.number(progress.synced_row_count) + " rows synced";
    if (progress.total_row_count !== undefined) {
      label = L.number(progress.synced_row_count) + " of " + L.number(progress.total_row_count) + " rows";
    }
    if (completion !== null) {
      label += " (" + Math.round(completion * 100) + "%)";
    }
    if (progress.estimated_completion_seconds !== undefined) {
      label += " · about " + L.seconds(progress.estimated_completion_seconds).replace(".0 s", " s") + " left";
    }
    L.fill("progress-label", label);
  }

  function renderSpec(t) {
    const spec = t.spec || {};
    const list = (values) => (values && values.length ? values.join(", ") : "—");
    L.fill("spec-source", spec.source_table || "—");
    L.fill("spec-key", list(spec.primary_key_columns));
    L.fill("spec-timeseries", spec.timeseries_key || "—");
    L.fill("spec-policy", spec.scheduling_policy || "—");
    L.fill("spec-columns", spec.columns && spec.columns.length ? spec.columns.join(", ") : "all");
    L.fill("spec-indexes", list(spec.extra_index_definitions));
    L.fill("spec-created", t.created_at ? L.time(t.created_at) : "—");
    L.fill("spec-updated", t.updated_at ? L.time(t.updated_at) : "—");
  }

  async function loadTable() {
    const request = ++tableRequests;
    const answer = await L.api("GET", path);
    if (request > tableShown) {
      tableShown = request;
      renderTable(answer);
    }
  }

  // ---- Runs --------------------------------------------------------------------------------

  function runRow(run) {
    // A snapshot reads one pinned version, so its run starts and ends there: show it once.
    let versions;
    if (run.from_version !== undefined && run.from_version === run.to_version) {
      versions = "v" + run.to_version;
    } else {
      versions = (run.from_version === undefined ? "" : "v" + run.from_version + " ")
        + "→ " + (run.to_version === undefined ? "—" : "v" + run.to_version);
    }
    const took = run.ended_at ? L.duration(run.started_at, run.ended_at) : "running";
    const error = run.error_code
      ? L.el("span", { className: "error-text" }, L.el("code", {}, run.error_code), " ", run.error_message || "")
      : "";
    return L.el("tr", { dataset: { runId: String(run.run_id) } },
      L.el("td", { className: "mono run-id" }, "#" + run.run_id),
      L.el("td", { className: "run-mode" }, run.mode || ""),
      L.el("td", { className: "run-outcome" }, L.outcomeBadge(run.outcome)),
      L.el("td", { className: "when" }, L.agoNode(run.started_at)),
      L.el("td", { className: "num" }, took),
      L.el("td", { className: "mono run-versions" }, versions),
      L.el("td", { className: "num run-rows" }, L.number(run.rows_written)),
      L.el("td", { className: "num" },
        L.number(run.rows_inserted) + " / " + L.number(run.rows_updated) + " / " + L.number(run.rows_deleted)),
      L.el("td", { className: "num" }, L.number(run.rows_skipped)),
      L.el("td", {}, error));
  }

  function renderRuns() {
    const newestFirst = [...runs.values()].sort((a, b) => b.run_id - a.run_id);
    const body = document.getElementById("runs-body");
    if (newestFirst.length === 0) {
      L.fill(body, L.el("tr", {}, L.el("td", { className: "empty", colSpan: 10 }, "No runs yet.")));
    } else {
      L.fill(body, newestFirst.map(runRow));
    }
    document.getElementById("older-runs").hidden = !olderRunsToken;
  }

  function keep(page) {
    for (const run of page.runs || []) {
      runs.set(run.run_id, run);
    }
  }

  /** The newest page; older pages the user loaded stay (runs are keyed by id, so nothing doubles). */
  async function loadNewestRuns() {
    const page = await L.api("GET", path + "/runs?page_size=" + runsPageSize);
    keep(page);
    if (olderRunsToken === undefined) {
      olderRunsToken = page.next_page_token || null;
    }
    renderRuns();
  }

  async function loadOlderRuns() {
    const page = await L.api("GET", path + "/runs?page_size=" + runsPageSize
      + "&page_token=" + encodeURIComponent(olderRunsToken));
    keep(page);
    olderRunsToken = page.next_page_token || null;
    renderRuns();
  }

  // ---- Chart -------------------------------------------------------------------------------

  function makeChart() {
    if (typeof Chart === "undefined") {
      L.fill("chart-caption", "The chart library did not load (/webjars/chart.js); the numbers above are still current.");
      return null;
    }
    return new Chart(document.getElementById("history-chart"), {
      type: "bar",
      data: {
        labels: [],
        datasets: [
          {
            type: "line", label: "Lag (seconds)", data: [], yAxisID: "lag",
            borderColor: "#2457c5", backgroundColor: "#2457c5", pointRadius: 2, tension: 0,
          },
          {
            type: "bar", label: "Rows applied", data: [], yAxisID: "rows",
            backgroundColor: "rgba(31, 122, 63, 0.35)", borderColor: "#1f7a3f", borderWidth: 1,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { ticks: { maxTicksLimit: 10, maxRotation: 0 } },
          lag: { position: "left", beginAtZero: true, title: { display: true, text: "lag (s)" } },
          rows: {
            position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { precision: 0 },
            title: { display: true, text: "rows applied" },
          },
        },
      },
    });
  }

  async function loadHistory() {
    const answer = await L.api("GET", path + "/history");
    const points = answer.points || [];
    if (chart === null) {
      chart = makeChart();
    }
    if (chart !== null) {
      chart.data.labels = points.map((p) => new Date(p.at).toLocaleTimeString());
      chart.data.datasets[0].data = points.map((p) => p.seconds_behind || 0);
      chart.data.datasets[1].data = points.map((p) => p.rows_applied || 0);
      chart.update("none");
    }
    L.fill("chart-caption", points.length === 0
      ? "No samples yet: the server records lag and rows applied while it runs (kept in memory, last hour)."
      : points.length + " samples, one per 5 s period, newest " + L.ago(points[points.length - 1].at) + ".");
  }

  // ---- Refresh loop and buttons ------------------------------------------------------------

  async function refresh() {
    try {
      await loadTable();
      await Promise.all([loadNewestRuns(), loadHistory()]);
      if (refreshError) {
        refreshError = false;
        L.clearMessage();
      }
    } catch (e) {
      if (e.status !== 401) {
        refreshError = true;
        L.showMessage(e instanceof L.ApiError ? e.describe() : String(e), "error");
      }
    }
    // One timer at a time, however many refreshes were started (buttons refresh right away).
    clearTimeout(timer);
    if (L.signedIn()) {
      timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  /** Runs a button's call with the button disabled, shows its error, then refreshes the page. */
  async function act(button, call) {
    button.disabled = true;
    try {
      await call();
      refreshError = false;
    } catch (e) {
      if (e.status !== 401) {
        L.showMessage(e instanceof L.ApiError ? e.describe() : String(e), "error");
      }
    } finally {
      button.disabled = false;
    }
    if (L.signedIn()) {
      clearTimeout(timer);
      refresh();
    }
  }

  function showAnswer(answer) {
    L.showMessage(answer.message, answer.accepted ? "ok" : "warn");
  }

  function wireButtons() {
    const syncNow = document.getElementById("sync-now");
    syncNow.addEventListener("click", () => act(syncNow, async () => {
      showAnswer(await L.api("POST", path + "/sync"));
    }));

    const fullRefresh = document.getElementById("full-refresh");
    fullRefresh.addEventListener("click", () => {
      const sure = confirm("Full refresh of " + name + "?\n\nThe whole source is copied again at its newest version"
        + " and swapped in; readers keep seeing the current data until then.");
      if (sure) {
        act(fullRefresh, async () => showAnswer(await L.api("POST", path + "/full-refresh")));
      }
    });

    const pauseToggle = document.getElementById("pause-toggle");
    pauseToggle.addEventListener("click", () => act(pauseToggle, async () => {
      const pause = !(table && table.paused);
      const request = ++tableRequests;
      const updated = await L.api("PATCH", path, { paused: pause });
      if (request > tableShown) {
        tableShown = request;
        renderTable(updated);
      }
      L.showMessage(pause
        ? "Paused " + name + ": no scheduled or continuous runs until you resume it (Sync now still works)."
        : "Resumed " + name + ".", "ok");
    }));

    document.getElementById("older-runs").addEventListener("click", (event) =>
      act(event.currentTarget, loadOlderRuns));
  }

  L.init(() => {
    if (!name) {
      L.showMessage("No table given: open this page as table.html?name=schema.table, or pick one from the list.",
        "error");
      for (const id of ["sync-now", "full-refresh", "pause-toggle"]) {
        document.getElementById(id).disabled = true;
      }
      return;
    }
    L.fill("table-name", name);
    L.fill("crumb-name", name);
    clearTimeout(timer);
    refresh();
  });

  if (name) {
    wireButtons();
  }
})();
