// Tables read as stacked cards on phones (static/incuchain.css, "Stacked tables"):
// each cell of a table with a header row is given its column's heading as
// data-label, which the phone layout shows above the value. A cell that
// already carries a data-label keeps it; rows with merged cells are left as
// they are. A file of its own, so the Content-Security-Policy stays strict.
document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("table.table")) {
    const head = table.tHead && table.tHead.rows[0];
    if (!head) continue;
    const labels = Array.from(head.cells, (cell) => cell.textContent.trim());
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        if (row.cells.length !== labels.length) continue;
        Array.from(row.cells).forEach((cell, i) => {
          if (!cell.hasAttribute("data-label")) cell.setAttribute("data-label", labels[i]);
        });
      }
    }
    table.classList.add("table-stacked");
  }
});
