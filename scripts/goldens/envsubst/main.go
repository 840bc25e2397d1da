// Golden generator for @gitops-kit/kustomize's substitution suite. It runs Flux's own code:
// github.com/fluxcd/pkg/envsubst (Eval) and the varSubstitution pipeline of fluxcd/pkg
// kustomize/kustomize_varsub.go (sigs.k8s.io/yaml JSONToYAML -> envsubst -> YAMLToJSON).
//
// Reads cases JSON on stdin, writes goldens JSON on stdout. Run through ../envsubst.sh, which
// builds it in a throwaway GOPATH with a copy of fluxcd/pkg/envsubst (never vendored here).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/fluxcd/pkg/envsubst"
	"sigs.k8s.io/yaml"
)

type evalCase struct {
	Name   string            `json:"name"`
	Input  string            `json:"input"`
	Vars   map[string]string `json:"vars"`
	Strict bool              `json:"strict"`
}

type varsubCase struct {
	Name   string            `json:"name"`
	Object json.RawMessage   `json:"object"`
	Vars   map[string]string `json:"vars"`
	Strict bool              `json:"strict"`
}

type cases struct {
	Eval   []evalCase   `json:"eval"`
	Varsub []varsubCase `json:"varsub"`
}

type evalGolden struct {
	Name   string  `json:"name"`
	Output *string `json:"output,omitempty"`
	Error  *string `json:"error,omitempty"`
}

type varsubGolden struct {
	Name   string          `json:"name"`
	YAML   string          `json:"yaml"`
	Output json.RawMessage `json:"output,omitempty"`
	Error  *string         `json:"error,omitempty"`
}

type goldens struct {
	Eval   []evalGolden   `json:"eval"`
	Varsub []varsubGolden `json:"varsub"`
}

const varsubRegex = "^[_[:alpha:]][_[:alpha:][:digit:]]*$"

func eval(s string, vars map[string]string, strict bool) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return envsubst.Eval(s, func(name string) (string, bool) {
		if strict {
			v, ok := vars[name]
			return v, ok
		}
		return vars[name], true
	})
}

func main() {
	var in cases
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		panic(err)
	}
	var out goldens
	for _, c := range in.Eval {
		g := evalGolden{Name: c.Name}
		o, err := eval(c.Input, c.Vars, c.Strict)
		if err != nil {
			e := err.Error()
			g.Error = &e
		} else {
			g.Output = &o
		}
		out.Eval = append(out.Eval, g)
	}
	r := regexp.MustCompile(varsubRegex)
	for _, c := range in.Varsub {
		g := varsubGolden{Name: c.Name}
		y, err := yaml.JSONToYAML(c.Object)
		if err != nil {
			panic(err)
		}
		g.YAML = string(y)
		fail := func(err error) { e := err.Error(); g.Error = &e }
		func() {
			for v := range c.Vars {
				if !r.MatchString(v) {
					fail(fmt.Errorf("'%s' var name is invalid, must match '%s'", v, varsubRegex))
					return
				}
			}
			o, err := eval(string(y), c.Vars, c.Strict)
			if err != nil {
				fail(fmt.Errorf("variable substitution failed: %w", err))
				return
			}
			j, err := yaml.YAMLToJSON([]byte(o))
			if err != nil {
				fail(fmt.Errorf("YAMLToJSON: %w", err))
				return
			}
			g.Output = j
		}()
		out.Varsub = append(out.Varsub, g)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = strings.TrimSpace
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
