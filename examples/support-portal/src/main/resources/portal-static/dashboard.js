// The dashboard's four charts (Chart.js), drawn from GET /api/stats and redrawn on every live update.
(function () {
    'use strict';

    var COLORS = {
        open: '#3b82f6', in_progress: '#8b5cf6', waiting: '#f59e0b', resolved: '#10b981',
        high: '#dc2626', medium: '#f59e0b', low: '#10b981', line: '#2563eb', grid: '#eef1f5'
    };
    var charts = {};

    Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
    Chart.defaults.font.size = 11;
    Chart.defaults.color = '#6b7280';
    // no animation: live updates redraw often, and a chart should never be caught half drawn
    Chart.defaults.animation = false;
    Chart.defaults.maintainAspectRatio = false;

    function bandOfBin(i) {
        return i >= 7 ? 'high' : i >= 4 ? 'medium' : 'low';
    }

    function timeLabel(iso, bucketSeconds) {
        var d = new Date(iso);
        if (bucketSeconds >= 86400) {
            return d.toLocaleDateString([], {month: 'short', day: 'numeric'});
        }
        if (bucketSeconds >= 6 * 3600) {
            return d.toLocaleDateString([], {month: 'short', day: 'numeric'}) + ' '
                + d.toLocaleTimeString([], {hour: '2-digit'});
        }
        return d.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
    }

    function draw(id, config) {
        var canvas = document.getElementById(id);
        if (!canvas) {
            return;
        }
        if (charts[id]) {
            charts[id].data = config.data;
            charts[id].update('none');
        } else {
            charts[id] = new Chart(canvas, config);
        }
    }

    var gridScale = {grid: {color: COLORS.grid}, border: {display: false}};

    function render(stats) {
        draw('chart-status', {
            type: 'doughnut',
            data: {
                labels: stats.by_status.map(function (s) { return s.label; }),
                datasets: [{
                    data: stats.by_status.map(function (s) { return s.count; }),
                    backgroundColor: stats.by_status.map(function (s) { return COLORS[s.key]; }),
                    borderWidth: 2, borderColor: '#fff'
                }]
            },
            options: {cutout: '62%', plugins: {legend: {position: 'right', labels: {boxWidth: 10, boxHeight: 10}}}}
        });

        draw('chart-risk', {
            type: 'bar',
            data: {
                labels: stats.risk_histogram.map(function (_, i) { return (i / 10).toFixed(1); }),
                datasets: [{
                    label: 'Active incidents',
                    data: stats.risk_histogram,
                    backgroundColor: stats.risk_histogram.map(function (_, i) { return COLORS[bandOfBin(i)]; }),
                    borderRadius: 3, categoryPercentage: 0.9, barPercentage: 0.95
                }]
            },
            options: {
                plugins: {legend: {display: false}, tooltip: {callbacks: {title: function (items) {
                    var i = items[0].dataIndex;
                    return 'risk ' + (i / 10).toFixed(1) + '–' + ((i + 1) / 10).toFixed(1);
                }}}},
                scales: {x: {grid: {display: false}}, y: Object.assign({beginAtZero: true, ticks: {precision: 0}}, gridScale)}
            }
        });

        var timeline = stats.new_incidents;
        var windowLabel = document.getElementById('timeline-window');
        if (windowLabel) {
            windowLabel.textContent = timeline.window;
        }
        draw('chart-timeline', {
            type: 'line',
            data: {
                labels: timeline.points.map(function (p) { return timeLabel(p.at, timeline.bucket_seconds); }),
                datasets: [{
                    label: 'New incidents',
                    data: timeline.points.map(function (p) { return p.count; }),
                    borderColor: COLORS.line, backgroundColor: 'rgba(37, 99, 235, .12)', fill: true,
                    cubicInterpolationMode: 'monotone', pointRadius: 0, borderWidth: 2
                }]
            },
            options: {
                plugins: {legend: {display: false}},
                scales: {x: {grid: {display: false}, ticks: {maxTicksLimit: 5, maxRotation: 0}},
                    y: Object.assign({beginAtZero: true, ticks: {precision: 0}}, gridScale)}
            }
        });

        var categories = stats.by_category;
        draw('chart-category', {
            type: 'bar',
            data: {
                labels: categories.map(function (c) { return c.category; }),
                datasets: ['high', 'medium', 'low'].map(function (band) {
                    return {
                        label: band, data: categories.map(function (c) { return c[band]; }),
                        backgroundColor: COLORS[band], borderRadius: 2, barPercentage: 0.8
                    };
                })
            },
            options: {
                indexAxis: 'y',
                plugins: {legend: {position: 'bottom', labels: {boxWidth: 10, boxHeight: 10}}},
                scales: {x: Object.assign({stacked: true, beginAtZero: true, ticks: {precision: 0}}, gridScale),
                    y: {stacked: true, grid: {display: false}, ticks: {autoSkip: false}}}
            }
        });
        document.body.dataset.chartsReady = 'true';
    }

    function load() {
        fetch('/api/stats', {headers: {'Accept': 'application/json'}})
            .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
            .then(render)
            .catch(function (e) { console.warn('charts not refreshed', e); });
    }

    document.addEventListener('DOMContentLoaded', function () {
        load();
        document.body.addEventListener('portal:data', load);
        document.body.addEventListener('portal:work', load);
    });
})();
