// Notice as JSON: whole, for the realtime fan-out between instances.

package interview

import "encoding/json"

// sessionFields is Session without its methods and JSON hooks.
type sessionFields Session

// wireSession is a Session with the fields the API hides (its owner, its
// interviewer state): a session_ended notice crossing instances carries
// them too, so that the receiving instance holds what the sender held.
type wireSession struct {
	*sessionFields
	UserID   string          `json:"user_id"`
	Metadata json.RawMessage `json:"metadata,omitempty"`
}

// noticeFields is Notice without its JSON hooks.
type noticeFields Notice

// MarshalJSON writes every field of the notice, the ended session's owner
// and metadata included (Session's own JSON, the API's, leaves them out).
func (n Notice) MarshalJSON() ([]byte, error) {
	w := struct {
		noticeFields
		Ended *wireSession `json:"ended,omitempty"`
	}{noticeFields: noticeFields(n)}
	if n.Ended != nil {
		w.Ended = &wireSession{sessionFields: (*sessionFields)(n.Ended), UserID: n.Ended.UserID, Metadata: n.Ended.Metadata}
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (n *Notice) UnmarshalJSON(data []byte) error {
	var w struct {
		noticeFields
		Ended json.RawMessage `json:"ended,omitempty"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*n = Notice(w.noticeFields)
	n.Ended = nil
	if len(w.Ended) == 0 || string(w.Ended) == "null" {
		return nil
	}
	// The decoder cannot allocate an embedded pointer to an unexported
	// type: the session is allocated here.
	s := wireSession{sessionFields: new(sessionFields)}
	if err := json.Unmarshal(w.Ended, &s); err != nil {
		return err
	}
	ended := (*Session)(s.sessionFields)
	ended.UserID, ended.Metadata = s.UserID, s.Metadata
	n.Ended = ended
	return nil
}
