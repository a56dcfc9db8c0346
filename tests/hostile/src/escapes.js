// Escapes that decode to nothing printable: a lone surrogate, a code point past U+10FFFF.
moesif.track('Escapes', { '\ud800.lone': 1, '\u{FFFFFFFF}.big': 2, '\ud83d\ude00.pair': 3 });
moesif.track('\u{110000}', { ok: 1 });
