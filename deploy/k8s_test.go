package deploy

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"sigs.k8s.io/yaml"
)

// manifests holds every object of deploy/k8s, decoded strictly.
type manifests struct {
	deployments map[string]*appsv1.Deployment
	services    map[string]*corev1.Service
	configMaps  map[string]*corev1.ConfigMap
	hpas        map[string]*autoscalingv2.HorizontalPodAutoscaler
	pdbs        map[string]*policyv1.PodDisruptionBudget
	netpols     map[string]*networkingv1.NetworkPolicy
	files       []string // the manifest files, kustomization.yaml excluded
}

// kustomization is the part of kustomize's file we use.
type kustomization struct {
	APIVersion string   `json:"apiVersion"`
	Kind       string   `json:"kind"`
	Resources  []string `json:"resources"`
}

// decodeManifest decodes one YAML document into the API type its
// apiVersion and kind name; an unknown field, a wrong type or an unknown
// kind is an error (the API server would refuse the first two and
// kubectl the third).
func decodeManifest(m *manifests, doc []byte) error {
	var head metav1.TypeMeta
	if err := yaml.Unmarshal(doc, &head); err != nil {
		return err
	}
	var obj interface{ GetName() string }
	var put func()
	switch head.APIVersion + " " + head.Kind {
	case "apps/v1 Deployment":
		o := &appsv1.Deployment{}
		obj, put = o, func() { m.deployments[o.Name] = o }
	case "v1 Service":
		o := &corev1.Service{}
		obj, put = o, func() { m.services[o.Name] = o }
	case "v1 ConfigMap":
		o := &corev1.ConfigMap{}
		obj, put = o, func() { m.configMaps[o.Name] = o }
	case "autoscaling/v2 HorizontalPodAutoscaler":
		o := &autoscalingv2.HorizontalPodAutoscaler{}
		obj, put = o, func() { m.hpas[o.Name] = o }
	case "policy/v1 PodDisruptionBudget":
		o := &policyv1.PodDisruptionBudget{}
		obj, put = o, func() { m.pdbs[o.Name] = o }
	case "networking.k8s.io/v1 NetworkPolicy":
		o := &networkingv1.NetworkPolicy{}
		obj, put = o, func() { m.netpols[o.Name] = o }
	default:
		return fmt.Errorf("unexpected object %s %s", head.APIVersion, head.Kind)
	}
	if err := yaml.UnmarshalStrict(doc, obj); err != nil {
		return err
	}
	if obj.GetName() == "" {
		return fmt.Errorf("%s without metadata.name", head.Kind)
	}
	put()
	return nil
}

var docSeparator = regexp.MustCompile(`(?m)^---\s*$`)

func loadManifests(t *testing.T) *manifests {
	t.Helper()
	m := &manifests{deployments: map[string]*appsv1.Deployment{}, services: map[string]*corev1.Service{}, configMaps: map[string]*corev1.ConfigMap{},
		hpas: map[string]*autoscalingv2.HorizontalPodAutoscaler{}, pdbs: map[string]*policyv1.PodDisruptionBudget{}, netpols: map[string]*networkingv1.NetworkPolicy{}}
	paths, err := filepath.Glob("k8s/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		if filepath.Base(p) == "kustomization.yaml" {
			continue
		}
		m.files = append(m.files, filepath.Base(p))
		dt, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, doc := range docSeparator.Split(string(dt), -1) {
			if strings.TrimSpace(stripComments(doc)) == "" {
				continue
			}
			if err := decodeManifest(m, []byte(doc)); err != nil {
				t.Errorf("%s: %v", p, err)
			}
		}
	}
	return m
}

func stripComments(doc string) string {
	var b strings.Builder
	for _, l := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "#") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// TestManifestDecodingIsStrict: a misspelt field or a wrong type fails.
func TestManifestDecodingIsStrict(t *testing.T) {
	for name, doc := range map[string]string{
		"unknown field": "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  selectr: {app: x}\n",
		"wrong type":    "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: x\nspec:\n  minAvailable: [1]\n",
		"duplicate key": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  A: a\n  A: b\n",
		"unknown kind":  "apiVersion: v1\nkind: Servise\nmetadata:\n  name: x\n",
	} {
		m := &manifests{services: map[string]*corev1.Service{}, pdbs: map[string]*policyv1.PodDisruptionBudget{}, configMaps: map[string]*corev1.ConfigMap{}}
		if err := decodeManifest(m, []byte(doc)); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
}

func TestKubernetesManifests(t *testing.T) {
	m := loadManifests(t)
	if t.Failed() {
		return
	}

	var k kustomization
	dt, err := os.ReadFile("k8s/kustomization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.UnmarshalStrict(dt, &k); err != nil {
		t.Fatal(err)
	}
	if k.Kind != "Kustomization" || !slices.Equal(sorted(k.Resources), sorted(m.files)) {
		t.Errorf("kustomization.yaml lists %q; the folder holds %q", k.Resources, m.files)
	}

	cfg := m.configMaps["mockroom-config"]
	if cfg == nil {
		t.Fatal("no ConfigMap mockroom-config")
	}
	server := m.deployments["mockroom"]
	runner := m.deployments["mockroom-sandbox"]
	if server == nil || runner == nil {
		t.Fatal("want the Deployments mockroom and mockroom-sandbox")
	}

	// The server: probes on the port it serves, secrets and settings from
	// the ConfigMap and the operator's Secret, time to drain.
	_, port, _ := strings.Cut(cfg.Data["ADDR"], ":")
	c := onlyContainer(t, server)
	http := containerPort(t, c, "http")
	if fmt.Sprint(http) != port {
		t.Errorf("the container port http is %d but ADDR is %q", http, cfg.Data["ADDR"])
	}
	probe(t, "readiness", c.ReadinessProbe, "/readyz", c)
	probe(t, "liveness", c.LivenessProbe, "/healthz", c)
	var fromConfig, fromSecret bool
	for _, e := range c.EnvFrom {
		fromConfig = fromConfig || (e.ConfigMapRef != nil && e.ConfigMapRef.Name == cfg.Name)
		fromSecret = fromSecret || (e.SecretRef != nil && e.SecretRef.Name == "mockroom-secrets")
	}
	if !fromConfig || !fromSecret {
		t.Error("the server does not take its environment from mockroom-config and mockroom-secrets")
	}
	grace := server.Spec.Template.Spec.TerminationGracePeriodSeconds
	if grace == nil || *grace < 20+preStopSeconds(c)+5 {
		t.Errorf("terminationGracePeriodSeconds leaves no time for preStop (%d s) and the 20 s drain", preStopSeconds(c))
	}
	if sc := server.Spec.Template.Spec.SecurityContext; sc == nil || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot {
		t.Error("the server may run as root")
	}
	if ru := server.Spec.Strategy.RollingUpdate; ru == nil || ru.MaxUnavailable == nil || ru.MaxUnavailable.IntValue() != 0 {
		t.Error("a rolling deploy may drop below the current count (maxUnavailable != 0)")
	}

	// The runners, and how the server reaches them.
	rc := onlyContainer(t, runner)
	probe(t, "readiness", rc.ReadinessProbe, "/version", rc)
	if rc.SecurityContext == nil || rc.SecurityContext.Privileged == nil || !*rc.SecurityContext.Privileged {
		t.Error("go-judge needs a privileged container")
	}
	var token bool
	for _, e := range rc.Env {
		token = token || (e.Name == "ES_AUTH_TOKEN" && e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil &&
			e.ValueFrom.SecretKeyRef.Name == "mockroom-secrets" && e.ValueFrom.SecretKeyRef.Key == "SANDBOX_TOKEN")
	}
	if !token {
		t.Error("the runner's ES_AUTH_TOKEN is not the server's SANDBOX_TOKEN")
	}
	if cfg.Data["SANDBOX"] != "remote" {
		t.Errorf("SANDBOX=%q, want remote", cfg.Data["SANDBOX"])
	}
	u, err := url.Parse(cfg.Data["SANDBOX_URL"])
	if err != nil {
		t.Fatal(err)
	}
	rs := m.services[u.Hostname()]
	if rs == nil {
		t.Fatalf("SANDBOX_URL names %q, which is no Service", u.Hostname())
	}
	if !servicePort(rs, u.Port()) {
		t.Errorf("Service %s has no port %s", rs.Name, u.Port())
	}

	// Every Service selects pods of a Deployment and targets a port they name.
	for _, s := range m.services {
		d := selected(t, m, s.Spec.Selector)
		if d == nil {
			t.Errorf("Service %s selects no Deployment's pods", s.Name)
			continue
		}
		for _, p := range s.Spec.Ports {
			containerPort(t, onlyContainer(t, d), p.TargetPort.String())
		}
		if s.Spec.SessionAffinity == corev1.ServiceAffinityClientIP {
			t.Errorf("Service %s pins clients", s.Name)
		}
	}
	// Every HPA scales an existing Deployment; every PDB guards one.
	for _, h := range m.hpas {
		ref := h.Spec.ScaleTargetRef
		if ref.APIVersion != "apps/v1" || ref.Kind != "Deployment" || m.deployments[ref.Name] == nil {
			t.Errorf("HPA %s targets %s %s %s, no Deployment of ours", h.Name, ref.APIVersion, ref.Kind, ref.Name)
		}
		if h.Spec.MinReplicas == nil || *h.Spec.MinReplicas < 2 {
			t.Errorf("HPA %s may scale to one pod: a deploy or a node loss would take the service down", h.Name)
		}
	}
	for _, d := range m.deployments {
		var guarded, scaled bool
		for _, p := range m.pdbs {
			sel, err := metav1.LabelSelectorAsSelector(p.Spec.Selector)
			if err != nil {
				t.Fatal(err)
			}
			guarded = guarded || (!sel.Empty() && sel.Matches(labels.Set(d.Spec.Template.Labels)))
		}
		for _, h := range m.hpas {
			scaled = scaled || h.Spec.ScaleTargetRef.Name == d.Name
		}
		if !guarded {
			t.Errorf("no PodDisruptionBudget selects the pods of %s", d.Name)
		}
		if !scaled {
			t.Errorf("no HPA scales %s", d.Name)
		}
		sel, err := metav1.LabelSelectorAsSelector(d.Spec.Selector)
		if err != nil || !sel.Matches(labels.Set(d.Spec.Template.Labels)) {
			t.Errorf("Deployment %s's selector does not match its own pods", d.Name)
		}
	}
	// Only the servers reach the runners.
	np := m.netpols["mockroom-sandbox"]
	if np == nil {
		t.Fatal("no NetworkPolicy for the runners")
	}
	if sel, _ := metav1.LabelSelectorAsSelector(&np.Spec.PodSelector); !sel.Matches(labels.Set(runner.Spec.Template.Labels)) {
		t.Error("the NetworkPolicy does not select the runners")
	}
	if len(np.Spec.Ingress) != 1 || len(np.Spec.Ingress[0].From) != 1 || np.Spec.Ingress[0].From[0].PodSelector == nil {
		t.Fatal("the runners' NetworkPolicy should admit one pod selector")
	}
	if sel, _ := metav1.LabelSelectorAsSelector(np.Spec.Ingress[0].From[0].PodSelector); !sel.Matches(labels.Set(server.Spec.Template.Labels)) ||
		sel.Matches(labels.Set(runner.Spec.Template.Labels)) {
		t.Error("the runners' NetworkPolicy does not admit exactly the servers")
	}
}

func sorted(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }

func onlyContainer(t *testing.T, d *appsv1.Deployment) *corev1.Container {
	t.Helper()
	if len(d.Spec.Template.Spec.Containers) != 1 {
		t.Fatalf("Deployment %s: want one container", d.Name)
	}
	return &d.Spec.Template.Spec.Containers[0]
}

// containerPort resolves a port by name or number.
func containerPort(t *testing.T, c *corev1.Container, nameOrNumber string) int32 {
	t.Helper()
	for _, p := range c.Ports {
		if p.Name == nameOrNumber || fmt.Sprint(p.ContainerPort) == nameOrNumber {
			return p.ContainerPort
		}
	}
	t.Errorf("container %s has no port %q", c.Name, nameOrNumber)
	return 0
}

func probe(t *testing.T, kind string, p *corev1.Probe, path string, c *corev1.Container) {
	t.Helper()
	if p == nil || p.HTTPGet == nil {
		t.Errorf("%s: no HTTP %s probe", c.Name, kind)
		return
	}
	if p.HTTPGet.Path != path {
		t.Errorf("%s: %s probe on %q, want %q", c.Name, kind, p.HTTPGet.Path, path)
	}
	containerPort(t, c, p.HTTPGet.Port.String())
}

func preStopSeconds(c *corev1.Container) int64 {
	if c.Lifecycle == nil || c.Lifecycle.PreStop == nil || c.Lifecycle.PreStop.Exec == nil {
		return 0
	}
	cmd := c.Lifecycle.PreStop.Exec.Command
	var n int64
	if len(cmd) == 2 && cmd[0] == "sleep" {
		fmt.Sscan(cmd[1], &n)
	}
	return n
}

func servicePort(s *corev1.Service, port string) bool {
	for _, p := range s.Spec.Ports {
		if fmt.Sprint(p.Port) == port {
			return true
		}
	}
	return false
}

// selected returns the Deployment whose pods a Service selector matches.
func selected(t *testing.T, m *manifests, sel map[string]string) *appsv1.Deployment {
	t.Helper()
	if len(sel) == 0 {
		return nil
	}
	for _, d := range m.deployments {
		if labels.SelectorFromSet(sel).Matches(labels.Set(d.Spec.Template.Labels)) {
			return d
		}
	}
	return nil
}
