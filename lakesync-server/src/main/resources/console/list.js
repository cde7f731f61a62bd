// The synced tables list (index.html): one row per table, refreshed every 2 seconds.
"use strict";

(() => {
  const L = Lakesync;
  const REFRESH_MS = 2000;
  let timer = null;

  /** Every synced table, following next_page_token to the end. */
  async function allTables() {
    const tables = [];
    let pageToken = null;
    do {
      const query = "?page_size=500" + (pageToken ? "&page_token=" + encodeURIComponent(pageToken) : "");
      const page = await L.api("GET", "/synced_tables" + query);
      tables.push(...(page.synced_tables || []));
      pageToken = page.next_page_token;
    } while (pageToken);
    return tables;
  }

  function row(table) {
    const status = table.data_synchronization_status || {};
    const lag = status.lag;
    const lastSync = status.last_sync;
    const freshness = status.freshness;
    const link = L.el("a", { href: "table.html?name=" + encodeURIComponent(table.name) }, table.name);

    const lagCell = lag
      ? [L.el("span", { className: "lag-versions" }, L.number(lag.versions_behind) + " versions"),
        L.el("br"), L.el("span", { className: "subtle lag-seconds" }, L.seconds(lag.seconds_behind))]
      : ["—"];
    const lastSyncCell = lastSync
      ? [L.el("span", { className: "mono last-version" }, "v" + lastSync.delta_commit_version), " · ",
        L.agoNode(lastSync.sync_end_timestamp)]
      : [L.el("span", { className: "subtle" }, "not yet")];
    let slaCell = ["—"];
    if (freshness && freshness.sla_seconds !== undefined) {
      slaCell = [L.number(freshness.sla_seconds) + " s"];
      if (freshness.breached) {
        slaCell.push(" ", L.el("span", {
          className: "badge bad breached",
          title: freshness.breached_since ? "since " + L.time(freshness.breached_since) : undefined,
        }, "breached"));
      }
    }
    const paused = table.paused
      ? L.el("span", { className: "badge warn paused" }, "paused")
      : L.el("span", { className: "subtle" }, "no");

    return L.el("tr", { dataset: { name: table.name } },
      L.el("td", { className: "name" }, link),
      L.el("td", { className: "state", title: status.message }, L.stateBadge(status.detailed_state)),
      L.el("td", { className: "num lag" }, lagCell),
      L.el("td", { className: "last-sync when" }, lastSyncCell),
      L.el("td", { className: "num rows" }, L.number(status.row_count)),
      L.el("td", { className: "sla" }, slaCell),
      L.el("td", { className: "paused-cell" }, paused));
  }

  async function refresh() {
    try {
      const tables = await allTables();
      const body = document.getElementById("tables-body");
      if (tables.length === 0) {
        L.fill(body, L.el("tr", {}, L.el("td", { className: "empty", colSpan: 7 },
          "No synced tables yet. Create one with `lakesync apply -f tables.yaml` or POST /api/2.0/database/synced_tables.")));
      } else {
        L.fill(body, tables.map(row));
      }
      L.fill("refreshed", "Updated " + new Date().toLocaleTimeString() + " · refreshes every 2 s");
      L.clearMessage();
    } catch (e) {
      if (e.status !== 401) {
        L.showMessage(e instanceof L.ApiError ? e.describe() : String(e), "error");
      }
    }
    // One timer at a time: a sign-in while a refresh is in flight must not start a second loop.
    clearTimeout(timer);
    if (L.signedIn()) {
      timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  L.init(() => {
    clearTimeout(timer);
    refresh();
  });
})();
