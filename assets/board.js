/*
 * Clientside callbacks of the board pages, under one namespace: window.dash_clientside.board.
 * Pure UI state only: the URL of the current view (so a copied link restores it).
 */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    board: Object.assign({}, (window.dash_clientside || {}).board, {
        /* Put the view's query in the address bar without reloading (replaceState, so the back
         * button is not flooded with every picker change); keep ?lang= if the link had one. */
        syncUrl: function (search) {
            if (typeof search !== "string") { return; }
            var params = new URLSearchParams(search);
            var lang = new URLSearchParams(window.location.search).get("lang");
            if (lang) { params.set("lang", lang); }
            var query = params.toString();
            var next = window.location.pathname + (query ? "?" + query : "");
            if (next !== window.location.pathname + window.location.search) {
                window.history.replaceState(window.history.state, "", next);
            }
        }
    })
});
