// Live updates for every page: one EventSource on /events. The server sends
//   freshness - every second: the badge text ("data as of Delta version N, X s ago") and colour
//   sync      - new data landed (a sync): parts of the page that show synced data refresh
//   work      - someone changed an incident (owner, status, comment): parts that show work refresh
// Page parts refresh through htmx: they carry hx-trigger="portal:data from:body" or "portal:work from:body".
(function () {
    'use strict';

    function showFreshness(f) {
        var badge = document.getElementById('freshness');
        if (!badge) {
            return;
        }
        badge.querySelector('.text').textContent = f.text;
        badge.classList.remove('fresh', 'behind', 'unknown');
        badge.classList.add(f.state);
        badge.title = f.detail;
        if (f.delta_version !== undefined) {
            badge.dataset.version = f.delta_version;
        }
    }

    function pulse() {
        var badge = document.getElementById('freshness');
        if (badge) {
            badge.classList.remove('pulse');
            void badge.offsetWidth; // restart the animation
            badge.classList.add('pulse');
        }
    }

    function connect() {
        if (!window.EventSource) {
            return; // the pages still work; they just do not refresh themselves
        }
        var source = new EventSource('/events');
        source.addEventListener('freshness', function (e) {
            showFreshness(JSON.parse(e.data));
        });
        source.addEventListener('sync', function (e) {
            pulse();
            document.body.dispatchEvent(new CustomEvent('portal:data', {detail: JSON.parse(e.data)}));
        });
        source.addEventListener('work', function (e) {
            document.body.dispatchEvent(new CustomEvent('portal:work', {detail: JSON.parse(e.data)}));
        });
        // EventSource reconnects by itself after a dropped connection
    }

    // Rows that were not on the list before a live refresh get a short highlight.
    function rememberRows() {
        var ids = {};
        document.querySelectorAll('#incident-list tr[data-id]').forEach(function (tr) { ids[tr.dataset.id] = true; });
        return ids;
    }

    var known = null;

    document.addEventListener('DOMContentLoaded', function () {
        known = rememberRows();
        document.body.addEventListener('htmx:afterSwap', function (e) {
            if (!document.getElementById('incident-list')) {
                return;
            }
            var now = rememberRows();
            var cause = e.detail.requestConfig && e.detail.requestConfig.triggeringEvent;
            if (known && cause && /^portal:/.test(cause.type)) {
                Object.keys(now).forEach(function (id) {
                    if (!known[id]) {
                        var row = document.querySelector('#incident-list tr[data-id="' + CSS.escape(id) + '"]');
                        if (row) {
                            row.classList.add('new');
                        }
                    }
                });
            }
            known = now;
        });
        // "Acting as" switches on change; without JavaScript a button does it
        document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
            select.addEventListener('change', function () { select.form.submit(); });
        });
        connect();
    });
})();
