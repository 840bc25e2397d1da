// Package runtime is a minimal stand-in for k8s.io/apimachinery/pkg/runtime: only
// DefaultUnstructuredConverter.FromUnstructured, done as a JSON round trip (type mismatches fail,
// unknown fields are ignored, as the real converter does).
package runtime

import "encoding/json"

type converter struct{}

// DefaultUnstructuredConverter converts unstructured maps into typed structs.
var DefaultUnstructuredConverter converter

func (converter) FromUnstructured(u map[string]interface{}, obj interface{}) error {
	b, err := json.Marshal(u)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, obj)
}
