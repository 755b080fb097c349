package org.autotune.report;

/** The page's style sheet and its one script (sorting a table by the clicked column), both inline. */
final class HtmlParts {
    private HtmlParts() {
    }

    static final String CSS = """
        body { font-family: sans-serif; margin: 1.5em auto; max-width: 1250px; padding: 0 1em; color: #222; }
        h1 { margin-bottom: 0.2em; }
        h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.8em; }
        nav a { margin-right: 0.8em; font-size: 0.9em; }
        .meta { color: #555; }
        .alert { border: 2px solid #c62828; background: #fdecea; padding: 0.5em 1em; }
        .ok { border-left: 4px solid #2e7d32; padding-left: 0.6em; }
        .note { color: #555; font-style: italic; }
        figure { margin: 1em 0; }
        figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { color: #444; font-size: 0.9em; max-width: 60em; }
        table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; }
        th, td { border: 1px solid #ddd; padding: 0.2em 0.5em; text-align: right; vertical-align: top; }
        th { background: #f3f3f3; }
        td.t, th.t { text-align: left; }
        table.sortable th { cursor: pointer; }
        table.sortable th:hover { background: #e0e0e0; }
        pre { background: #f7f7f7; padding: 0.6em; overflow-x: auto; font-size: 0.85em; }
        td pre { margin: 0; padding: 0.2em; max-width: 60em; white-space: pre-wrap; text-align: left; }
        tr.FAILED td { background: #fbeaea; }
        .scroll { max-height: 40em; overflow: auto; }
        """;

    /** Click a header to sort by that column (numbers as numbers, blanks last); click again to reverse. */
    static final String SORT_SCRIPT = """
        document.querySelectorAll('table.sortable').forEach(function (table) {
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
            th.addEventListener('click', function () {
              var up = th.getAttribute('data-order') !== 'up';
              th.setAttribute('data-order', up ? 'up' : 'down');
              var body = table.tBodies[0];
              var rows = Array.prototype.slice.call(body.rows);
              rows.sort(function (a, b) {
                var x = a.cells[col].textContent, y = b.cells[col].textContent;
                if (x === '' || y === '') { return (x === '') - (y === ''); }
                var nx = Number(x), ny = Number(y);
                var c = (isNaN(nx) || isNaN(ny)) ? x.localeCompare(y) : nx - ny;
                return up ? c : -c;
              });
              rows.forEach(function (r) { body.appendChild(r); });
            });
          });
        });
        """;
}
