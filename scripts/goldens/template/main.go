// Command goldens renders template case tables with Go's own text/template and writes the
// results as JSON goldens for @gitops-kit/template's tests.
//
// Usage: go run . -in cases.json -out golden.json
//
// A case is {name, template, data, missingkey?, files?, exec?, delims?}. data is JSON where an
// object {"$int": n}, {"$int64": n}, {"$uint": n}, {"$uint8": n} or {"$bytes": "text"} stands for
// a Go value of that type, {"$rawstr": "base64"} for a string of those bytes (any bytes, also
// invalid UTF-8) and {"$rawbytes": "base64"} for a []byte of them. An output that is not valid
// UTF-8 is recorded base64-encoded as outputBase64 instead of output (JSON cannot hold it) (everything else decodes as encoding/json does: float64, string, bool,
// nil, map[string]interface{}, []interface{}). files, when present, are parsed in order into one
// set with t.New(name).Parse(text) and exec names the template to execute (default: the case).
package main

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/template"
	"unicode/utf8"
)

type file struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

type tcase struct {
	Name     string `json:"name"`
	Template string `json:"template,omitempty"`
	// TemplateBase64, when set, is the template's bytes (any bytes, also invalid UTF-8).
	TemplateBase64 string          `json:"templateBase64,omitempty"`
	Data           json.RawMessage `json:"data,omitempty"`
	MissingKey     string          `json:"missingkey,omitempty"`
	Files          []file          `json:"files,omitempty"`
	Exec           string          `json:"exec,omitempty"`
	Delims         []string        `json:"delims,omitempty"`
	Funcs          []string        `json:"funcs,omitempty"`
	// Outputs.
	Output       *string `json:"output,omitempty"`
	OutputBase64 *string `json:"outputBase64,omitempty"`
	Error        *string `json:"error,omitempty"`
	Phase        string  `json:"phase,omitempty"`
}

func convert(v interface{}) interface{} {
	switch x := v.(type) {
	case map[string]interface{}:
		if len(x) == 1 {
			for k, val := range x {
				switch k {
				case "$int":
					return int(val.(float64))
				case "$int64":
					return int64(val.(float64))
				case "$uint":
					return uint(val.(float64))
				case "$uint8":
					return uint8(val.(float64))
				case "$bytes":
					return []byte(val.(string))
				case "$rawstr", "$rawbytes":
					b, err := base64.StdEncoding.DecodeString(val.(string))
					if err != nil {
						panic(err)
					}
					if k == "$rawstr" {
						return string(b)
					}
					return b
				case "$strings":
					out := []string{}
					for _, e := range val.([]interface{}) {
						out = append(out, e.(string))
					}
					return out
				case "$ints":
					out := []int{}
					for _, e := range val.([]interface{}) {
						out = append(out, int(e.(float64)))
					}
					return out
				case "$mapss":
					out := map[string]string{}
					for mk, e := range val.(map[string]interface{}) {
						out[mk] = e.(string)
					}
					return out
				}
			}
		}
		for k, val := range x {
			x[k] = convert(val)
		}
		return x
	case []interface{}:
		for i, val := range x {
			x[i] = convert(val)
		}
		return x
	}
	return v
}

// Test functions the TypeScript side defines identically (see goldenFuncs in the tests).
var testFuncs = template.FuncMap{
	"echo": func(a interface{}) interface{} { return a },
	"add":  func(a, b int) int { return a + b },
	"die":  func() (bool, error) { return false, fmt.Errorf("die") },
	"zero": func() int { return 0 },
	"makemap": func(kv ...string) map[string]string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	},
	"concat": func(a string, b ...string) string { return a + "<" + strings.Join(b, "+") + ">" },
	"errfn": func(s string) (string, error) {
		if s == "" {
			return "", fmt.Errorf("empty")
		}
		return s, nil
	},
	"typeOf":   func(a interface{}) string { return fmt.Sprintf("%T", a) },
	"nilmap":   func() map[string]interface{} { return nil },
	"strslice": func() []string { return []string{"a", "b"} },
}

func run(c *tcase) {
	var data interface{}
	if len(c.Data) > 0 {
		if err := json.Unmarshal(c.Data, &data); err != nil {
			panic(fmt.Sprintf("%s: bad data: %v", c.Name, err))
		}
		data = convert(data)
	}
	root := template.New(c.Name).Funcs(testFuncs)
	if c.MissingKey != "" {
		root.Option("missingkey=" + c.MissingKey)
	}
	if len(c.Delims) == 2 {
		root.Delims(c.Delims[0], c.Delims[1])
	}
	exec := c.Exec
	files := c.Files
	if len(files) == 0 {
		text := c.Template
		if c.TemplateBase64 != "" {
			b, err := base64.StdEncoding.DecodeString(c.TemplateBase64)
			if err != nil {
				panic(err)
			}
			text = string(b)
		}
		files = []file{{Name: c.Name, Text: text}}
	}
	if exec == "" {
		exec = files[0].Name
	}
	for _, f := range files {
		var err error
		if f.Name == root.Name() {
			_, err = root.Parse(f.Text)
		} else {
			_, err = root.New(f.Name).Parse(f.Text)
		}
		if err != nil {
			msg := err.Error()
			c.Error = &msg
			c.Phase = "parse"
			return
		}
	}
	var b strings.Builder
	if err := root.ExecuteTemplate(&b, exec, data); err != nil {
		msg := err.Error()
		c.Error = &msg
		c.Phase = "exec"
		setOutput(c, b.String())
		return
	}
	setOutput(c, b.String())
}

func setOutput(c *tcase, out string) {
	if utf8.ValidString(out) {
		c.Output = &out
		return
	}
	b := base64.StdEncoding.EncodeToString([]byte(out))
	c.OutputBase64 = &b
}

func main() {
	in := flag.String("in", "", "cases JSON")
	out := flag.String("out", "", "golden JSON")
	flag.Parse()
	raw, err := os.ReadFile(*in)
	if err != nil {
		panic(err)
	}
	var cases []*tcase
	if err := json.Unmarshal(raw, &cases); err != nil {
		panic(err)
	}
	for _, c := range cases {
		func() {
			defer func() {
				if r := recover(); r != nil {
					msg := fmt.Sprint("panic: ", r)
					c.Error = &msg
					c.Phase = "panic"
				}
			}()
			run(c)
		}()
	}
	enc, _ := json.MarshalIndent(cases, "", "  ")
	if err := os.WriteFile(*out, append(enc, '\n'), 0o644); err != nil {
		panic(err)
	}
	fmt.Fprintf(os.Stderr, "%d cases -> %s\n", len(cases), *out)
}
