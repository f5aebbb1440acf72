package gen

// Design is a design problem's test input as a generator builds it: the
// constructor's call first, then one entry per method call.
type Design struct {
	Operations []string `json:"operations"`
	Arguments  [][]any  `json:"arguments"`
}

// NewDesign starts a sequence with the constructor of class.
func NewDesign(class string, args ...any) *Design {
	d := &Design{}
	d.Call(class, args...)
	return d
}

// Call appends one call of op with args.
func (d *Design) Call(op string, args ...any) {
	if args == nil {
		args = []any{}
	}
	d.Operations = append(d.Operations, op)
	d.Arguments = append(d.Arguments, args)
}

// Calls is the number of method calls after the constructor.
func (d *Design) Calls() int { return len(d.Operations) - 1 }

// DesignShape checks what every design input shares: the constructor
// first and only there, and at most max method calls after it.
func DesignShape(class string, ops []string, nargs, max int) error {
	if len(ops) == 0 || ops[0] != class {
		return Errorf("the first operation must be %s", class)
	}
	if len(ops)-1 > max {
		return Errorf("%d method calls, at most %d allowed", len(ops)-1, max)
	}
	if nargs != len(ops) {
		return Errorf("%d argument lists for %d operations", nargs, len(ops))
	}
	for k, op := range ops[1:] {
		if op == class {
			return Errorf("operations[%d]: the constructor may only come first", k+1)
		}
	}
	return nil
}

// CacheCalls holds a cache problem's calls (lru-cache, lfu-cache) to its
// constraints: the shape, a capacity from 1 to maxCap, then get(key) and
// put(key, value) with keys in 0..maxKey and values in 0..maxValue.
func CacheCalls(class string, ops []string, args [][]int, maxCalls, maxCap, maxKey, maxValue int) error {
	if err := DesignShape(class, ops, len(args), maxCalls); err != nil {
		return err
	}
	if len(args[0]) != 1 {
		return Errorf("the constructor takes the capacity")
	}
	if err := Range("capacity", args[0][0], 1, maxCap); err != nil {
		return err
	}
	for k, op := range ops[1:] {
		a := args[k+1]
		want := map[string]int{"get": 1, "put": 2}[op]
		if want == 0 {
			return Errorf("call %d: unknown operation %q", k+1, op)
		}
		if len(a) != want {
			return Errorf("call %d: %s takes %d arguments", k+1, op, want)
		}
		if err := Range("key", a[0], 0, maxKey); err != nil {
			return err
		}
		if op == "put" {
			if err := Range("value", a[1], 0, maxValue); err != nil {
				return err
			}
		}
	}
	return nil
}
