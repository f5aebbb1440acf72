package httpapi

import (
	"net/http"

	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/billing"
)

func (s *server) getProfile(w http.ResponseWriter, r *http.Request) {
	p, err := s.Accounts.Profile(r.Context(), userID(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *server) patchProfile(w http.ResponseWriter, r *http.Request) {
	var in profileUpdate
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	p, err := s.Accounts.UpdateProfile(r.Context(), userID(r), account.ProfileUpdate{
		FullName: in.FullName, ExperienceLevel: in.ExperienceLevel, TargetCompanies: in.TargetCompanies})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *server) credits(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	bal, err := s.Ledger.Balance(ctx, userID(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	txs, err := s.Ledger.Transactions(ctx, userID(r), 100)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if txs == nil {
		txs = []billing.CreditTransaction{}
	}
	writeJSON(w, http.StatusOK, creditsBody{Balance: bal, Transactions: txs, Unlimited: s.cfg.UnlimitedCredits})
}
