package report

import (
	"encoding/json"
	"io"
)

// WriteJSONL writes one document per line, in the same schema as the
// documents of report.json.
func WriteJSONL(w io.Writer, r *Report) error {
	for _, d := range r.Documents {
		if err := WriteJSONLine(w, d); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSONLine writes one document as one line, for streaming.
func WriteJSONLine(w io.Writer, d Document) error {
	b, err := json.Marshal(d)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
