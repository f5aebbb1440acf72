package httpapi

import (
	"io"
	"net/http"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/billing"
)

// webhookPath is Stripe's endpoint: signed by Stripe, not by a session,
// and outside the per-IP API rate limit (Stripe delivers in bursts).
const webhookPath = "/api/payments/webhook"

// webhookBodyLimit bounds a Stripe event (they are well under this).
const webhookBodyLimit = 1 << 20

type paymentsConfigBody struct {
	Enabled bool           `json:"enabled" description:"false when the server has no STRIPE_SECRET_KEY: payments are off"`
	Packs   []billing.Pack `json:"packs"`
	Plans   []billing.Plan `json:"plans"`
}

type creditPackageRequest struct {
	CreditPackage string `json:"creditPackage" description:"a pack name from GET /api/payments/config (by default starter, pro or unlimited)"`
}

type tierRequest struct {
	Tier string `json:"tier" enum:"pro,enterprise"`
}

type paymentsBody struct {
	Payments []billing.Payment `json:"payments"`
}

type subscriptionsBody struct {
	Tier          string                 `json:"tier" enum:"free,pro,enterprise"`
	Subscriptions []billing.Subscription `json:"subscriptions"`
}

type urlBody struct {
	URL string `json:"url"`
}

type receivedBody struct {
	Received bool `json:"received"`
}

// payments answers payments_disabled when the server has no Stripe key.
func (s *server) payments(w http.ResponseWriter, r *http.Request) *billing.Service {
	if s.Payments == nil {
		s.writeError(w, r, mockroom.Errorf(mockroom.KindUnavailable, "payments_disabled",
			"payments are off on this server (no STRIPE_SECRET_KEY); an administrator can grant credits"))
		return nil
	}
	return s.Payments
}

func (s *server) customer(r *http.Request) billing.Customer {
	c := billing.Customer{UserID: userID(r)}
	if u := s.currentUser(r); u != nil {
		c.Email = u.Email
	}
	return c
}

func (s *server) paymentsConfig(w http.ResponseWriter, r *http.Request) {
	body := paymentsConfigBody{Packs: []billing.Pack{}, Plans: []billing.Plan{}}
	if s.Payments != nil {
		cfg := s.Payments.Config()
		body.Enabled = true
		body.Packs = append(body.Packs, cfg.Packs...)
		for _, p := range cfg.Plans {
			if p.PriceID != "" {
				body.Plans = append(body.Plans, p)
			}
		}
	}
	writeJSON(w, http.StatusOK, body)
}

func (s *server) createIntent(w http.ResponseWriter, r *http.Request) {
	svc := s.payments(w, r)
	if svc == nil {
		return
	}
	var in creditPackageRequest
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	out, err := svc.CreateIntent(r.Context(), s.customer(r), in.CreditPackage)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *server) checkout(w http.ResponseWriter, r *http.Request) {
	svc := s.payments(w, r)
	if svc == nil {
		return
	}
	var in creditPackageRequest
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	out, err := svc.CheckoutPack(r.Context(), s.customer(r), in.CreditPackage)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *server) listPayments(w http.ResponseWriter, r *http.Request) {
	svc := s.payments(w, r)
	if svc == nil {
		return
	}
	ps, err := svc.Payments(r.Context(), userID(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, paymentsBody{Payments: ps})
}

// stripeWebhook verifies the signature and queues the event on the durable
// bus; the payments worker applies it. Stripe gets its 200 at once.
func (s *server) stripeWebhook(w http.ResponseWriter, r *http.Request) {
	svc := s.payments(w, r)
	if svc == nil {
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, webhookBodyLimit))
	if err != nil {
		s.writeError(w, r, decodeError(err, webhookBodyLimit))
		return
	}
	if err := svc.Webhook(r.Context(), body, r.Header.Get("Stripe-Signature")); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, receivedBody{Received: true})
}

func (s *server) createSubscription(w http.ResponseWriter, r *http.Request) {
	svc := s.payments(w, r)
	if svc == nil {
		return
	}
	var in tierRequest
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	out, err := svc.Subscribe(r.Context(), s.customer(r), in.Tier)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *server) cancelSubscription(w http.ResponseWriter, r *http.Request) {
	svc := s.payments(w, r)
	if svc == nil {
		return
	}
	out, err := svc.CancelSubscription(r.Context(), userID(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *server) subscriptionPortal(w http.ResponseWriter, r *http.Request) {
	svc := s.payments(w, r)
	if svc == nil {
		return
	}
	url, err := svc.PortalURL(r.Context(), userID(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, urlBody{URL: url})
}

// listSubscriptions works with payments off too: the tier may have been
// set while they were on.
func (s *server) listSubscriptions(w http.ResponseWriter, r *http.Request) {
	body := subscriptionsBody{Tier: "free", Subscriptions: []billing.Subscription{}}
	if p, err := s.Accounts.Profile(r.Context(), userID(r)); err == nil {
		body.Tier = p.SubscriptionTier
	} else {
		s.writeError(w, r, err)
		return
	}
	if s.Payments != nil {
		subs, err := s.Payments.Subscriptions(r.Context(), userID(r))
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		body.Subscriptions = subs
	}
	writeJSON(w, http.StatusOK, body)
}
