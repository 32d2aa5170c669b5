package detectors

import (
	"regexp"
	"strings"
)

// Contact details: e-mail addresses and phone numbers.
func init() {
	register(&patternDetector{
		id:         "email",
		category:   Contact,
		keywords:   []string{"@"},
		re:         regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}`),
		boundary:   true,
		likelihood: High,
		run: &byteRun{
			class:  byteClass("._%+-@", "aA0"),
			anchor: '@',
			need:   func(run string) bool { return strings.IndexByte(run, '@') > 0 },
		},
	})
	// Mainland China mobile numbers: 11 digits starting 13-19, optionally
	// with +86 and spaces or dashes in the 3-4-4 grouping.
	register(&patternDetector{
		id:       "cn_mobile",
		category: Contact,
		re:       regexp.MustCompile(`(?:\+?86[ -]?)?1[3-9][0-9](?:[0-9]{8}|[ -][0-9]{4}[ -][0-9]{4})`),
		boundary: true,
		validate: func(v string) (Likelihood, bool) { return High, true },
		run:      digitShapeRun("+ -", 11, "", " -", 11, 3, 4, 4),
	})
	// International and North American formats. A leading + or a
	// parenthesised area code is required, or the 3-3-4 grouping, so that
	// dates, year ranges and version numbers are not taken for phones.
	register(&patternDetector{
		id:       "phone",
		category: Contact,
		re: regexp.MustCompile(`\+[1-9][0-9]{0,2}(?:[ .-]?\(?[0-9]{1,4}\)?){2,5}[ .-]?[0-9]{2,4}` +
			`|\(?[2-9][0-9]{2}\)?[ .-][0-9]{3}[ .-][0-9]{4}|\([2-9][0-9]{2}\)[0-9]{3}-[0-9]{4}`),
		validate: func(v string) (Likelihood, bool) {
			n := len(digitsOf(v))
			if n < 8 || n > 15 {
				return 0, false
			}
			return High, true
		},
		run: digitShapeRun("+ .-()", 8, "+()", " .-", 0, 3, 3, 4),
	})
}
