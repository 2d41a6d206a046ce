'use strict';
// Django's admin writes "Note: You are N hours ahead of server time." under
// every date and time field of a form; once, under the first, is enough.
// DateTimeShortcuts (loaded with the form's widgets) adds the notes on the
// window's load event: it is patched before that, once the page is parsed.
window.addEventListener('DOMContentLoaded', function() {
    const shortcuts = window.DateTimeShortcuts;
    if (!shortcuts) {
        return;
    }
    const addNote = shortcuts.addTimezoneWarning;
    shortcuts.addTimezoneWarning = function(inp) {
        if (!document.querySelector('.' + shortcuts.timezoneWarningClass)) {
            addNote.call(shortcuts, inp);
        }
    };
});
