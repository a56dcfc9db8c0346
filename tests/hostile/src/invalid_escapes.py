# Invalid escapes: Python 3.12+ warns about them; scanning must stay quiet.
analytics.track("u", "Escapes", {"\d.digit": 1, "\N{LATIN SMALL LETTER E WITH ACUTE}.e": 2})
