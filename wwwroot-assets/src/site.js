// The portal's own script, loaded as a file: the Content-Security-Policy allows no inline script and no eval.

// An element with data-index-rows="SELECTOR" sends the number of rows under SELECTOR as "index" with its htmx
// request (the invoice editor's "Add line" numbers the new line after those already on the page).
document.addEventListener("htmx:configRequest", function (event) {
    var source = event.detail.elt;
    var rows = source && source.getAttribute && source.getAttribute("data-index-rows");
    if (rows) event.detail.parameters.index = document.querySelectorAll(rows + " tr").length;
});
