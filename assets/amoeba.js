/*
 * Clientside callbacks of Amoeba Board, all under one namespace: window.dash_clientside.amoeba.
 * Only pure UI state lives here (language choice, phone menu, chrome of bare pages); anything
 * that needs data or translation runs on the server.
 */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    amoeba: Object.assign({}, (window.dash_clientside || {}).amoeba, {
        /* The language: a click on 中文/EN wins, else ?lang= in the URL, else keep the stored one. */
        chooseLang: function () {
            var args = Array.prototype.slice.call(arguments);
            var stored = args[args.length - 1];
            var search = args[args.length - 2];
            var ctx = window.dash_clientside.callback_context;
            var fired = (ctx && ctx.triggered ? ctx.triggered : []).map(function (t) {
                return t.prop_id;
            });
            if (fired.indexOf("lang-zh.n_clicks") >= 0) { return "zh"; }
            if (fired.indexOf("lang-en.n_clicks") >= 0) { return "en"; }
            var wanted = new URLSearchParams(search || "").get("lang");
            if (wanted) {
                wanted = wanted.toLowerCase().indexOf("en") === 0 ? "en" : "zh";
                if (wanted !== stored) { return wanted; }
            }
            if (stored !== "zh" && stored !== "en") { return "zh"; }
            return window.dash_clientside.no_update;
        },

        /* <html lang> follows the language, so the browser picks CJK glyphs and hyphenation. */
        setDocumentLang: function (lang) {
            document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
        },

        /* The tab title in the current language. Dash's router sets the registered (Chinese)
           title from the same store change; waiting one tick lets ours land after it. */
        setTitle: function (pagesStore, lang, pathname, titles) {
            var entry = (titles || {})[pathname || "/"];
            if (!entry) { return; }
            var title = entry[lang === "en" ? "en" : "zh"];
            window.setTimeout(function () { document.title = title; }, 0);
        },

        /* The phone menu opens on the toggler and closes after navigating. */
        toggleMenu: function (clicks, pathname, isOpen) {
            var ctx = window.dash_clientside.callback_context;
            var fired = (ctx && ctx.triggered ? ctx.triggered : []).map(function (t) {
                return t.prop_id;
            });
            if (fired.indexOf("shell-toggler.n_clicks") >= 0) { return !isOpen; }
            return false;
        },

        /* Pages registered with bare=True (the wall display) hide the header and footer. */
        chrome: function (pathname, barePaths) {
            var bare = (barePaths || []).some(function (p) {
                return pathname === p || (pathname || "").indexOf(p + "/") === 0;
            });
            return [bare, bare];
        }
    })
});
