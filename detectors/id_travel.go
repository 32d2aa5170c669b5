package detectors

import "regexp"

// Passport and driving-licence numbers. Their formats differ by country and
// overlap with every other code, so they are reported only after a label or
// keyword within the context window, and only at medium likelihood.
func init() {
	register(&idContextDetector{
		id:       "passport_number",
		category: IDNumber,
		keywords: passportContext,
		re:       regexp.MustCompile(`[A-Za-z]{0,2}[0-9]{6,9}`),
		boundary: true,
		windows:  idKeywordWindows(passportContext, idContextWindow+12),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			return idTravelCheck(in, start, end, passportContext)
		},
	})
	register(&idContextDetector{
		id:       "driving_licence_number",
		category: IDNumber,
		keywords: drivingLicenceContext,
		// One token ("D1234-56789-01234", "PB1020110045873"), or groups of
		// digits after an optional letter separated by single spaces, as
		// several US states print them ("D4127 38615 09183").
		re:       regexp.MustCompile(`[A-Za-z0-9](?:-?[A-Za-z0-9]){5,19}|[A-Za-z]?[0-9]{3,6}(?: [0-9]{3,6}){1,3}`),
		boundary: true,
		windows:  idKeywordWindows(drivingLicenceContext, idContextWindow+20),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			if len(digitsOf(in.Text[start:end])) < 4 {
				return 0, false
			}
			return idTravelCheck(in, start, end, drivingLicenceContext)
		},
	})
}

var (
	passportContext       = []string{"passport", "护照", "護照", "passeport", "pasaporte", "passaporte", "reisepass"}
	drivingLicenceContext = []string{"driving licence", "driving license", "driver's license", "driver’s license",
		"cnh", // Brazil's carteira nacional de habilitação, whose number resumes do give
		"drivers license", "driver license", "driver's licence", "dl#", "dl no", "dl number", "驾驶证", "驾照", "駕照", "駕駛執照"}
	// idTravelOtherLabels are fields that follow a passport or licence
	// label and carry numbers that are not the document number.
	idTravelOtherLabels = append([]string{"expir", "valid", "issue", "有效期", "签发", "簽發", "到期", "class", "类型", "准驾"}, idOtherLabels...)
)

func idTravelCheck(in *Input, start, end int, kws []string) (Likelihood, bool) {
	if !idLabelledBefore(in, start, kws, idTravelOtherLabels) {
		return 0, false
	}
	d := digitsOf(in.Text[start:end])
	if len(d) == 8 && validDate(d) {
		return 0, false // a date such as 20300115
	}
	return Medium, true
}
