package httpapi

import (
	"net/http"
)

func (s *server) evaluationView(w http.ResponseWriter, r *http.Request) {
	v, err := s.Evaluations.Get(r.Context(), userID(r), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// exportSession answers the session in the recorded-session format, as a
// download (docs/recorded-sessions.md).
func (s *server) exportSession(w http.ResponseWriter, r *http.Request) {
	rec, err := s.Evaluations.Export(r.Context(), userID(r), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="mockroom-session-`+r.PathValue("id")+`.json"`)
	writeJSON(w, http.StatusOK, rec)
}

func (s *server) progress(w http.ResponseWriter, r *http.Request) {
	h, err := s.Evaluations.History(r.Context(), userID(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, progressBody{Points: h})
}

// solution answers the reference solution and editorial of an ended
// session; evaluation.Service refuses it while the interview runs.
func (s *server) solution(w http.ResponseWriter, r *http.Request) {
	sol, err := s.Evaluations.Solution(r.Context(), userID(r), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, sol)
}
