package httpapi

import (
	"net/http"

	"github.com/mockroom/mockroom/interview"
)

func (s *server) listSessions(w http.ResponseWriter, r *http.Request) {
	list, err := s.Interviews.List(r.Context(), userID(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if list == nil {
		list = []interview.SessionSummary{}
	}
	writeJSON(w, http.StatusOK, sessionList{Sessions: list})
}
