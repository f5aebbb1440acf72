package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/mockroom/mockroom"
)

// healthz answers while the process is up.
func (s *server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, statusBody{Status: "ok", Version: s.cfg.Version})
}

// readyz answers 200 once the database is reachable and migrated.
func (s *server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if s.Health == nil {
		writeJSON(w, http.StatusOK, statusBody{Status: "ready"})
		return
	}
	if err := s.Health.Ping(ctx); err != nil {
		s.log.WarnContext(ctx, "readiness: database unreachable", "err", err)
		s.writeError(w, r, mockroom.Errorf(mockroom.KindUnavailable, "database_unreachable", "the database is not reachable"))
		return
	}
	ok, err := s.Health.MigrationsApplied(ctx)
	if err != nil || !ok {
		s.writeError(w, r, mockroom.Errorf(mockroom.KindUnavailable, "migrations_pending", "database migrations are not applied"))
		return
	}
	writeJSON(w, http.StatusOK, statusBody{Status: "ready"})
}

func (s *server) metrics(w http.ResponseWriter, r *http.Request) {
	if s.Metrics == nil || s.cfg.MetricsElsewhere {
		s.writeError(w, r, mockroom.Errorf(mockroom.KindNotFound, "not_found", "metrics are not served here"))
		return
	}
	s.Metrics.Handler(s.cfg.MetricsToken).ServeHTTP(w, r)
}
