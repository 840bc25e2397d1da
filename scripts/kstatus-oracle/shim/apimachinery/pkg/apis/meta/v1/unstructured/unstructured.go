// Package unstructured is a minimal stand-in for k8s.io/apimachinery's unstructured package: the
// accessors kstatus's status package uses, with apimachinery's semantics and error wording.
package unstructured

import (
	"fmt"
	"strings"
	"time"
)

// Unstructured holds a decoded object (JSON numbers as int64 when integral, else float64).
type Unstructured struct {
	Object map[string]interface{}
}

// GroupVersionKind mirrors schema.GroupVersionKind.
type GroupVersionKind struct{ Group, Version, Kind string }

// Time mirrors metav1.Time.
type Time struct{ time.Time }

func (u *Unstructured) UnstructuredContent() map[string]interface{} { return u.Object }

func (u *Unstructured) GetKind() string {
	s, _, _ := NestedString(u.Object, "kind")
	return s
}

func (u *Unstructured) GroupVersionKind() GroupVersionKind {
	apiVersion, _, _ := NestedString(u.Object, "apiVersion")
	g, v := "", apiVersion
	if i := strings.Index(apiVersion, "/"); i >= 0 {
		g, v = apiVersion[:i], apiVersion[i+1:]
	}
	return GroupVersionKind{Group: g, Version: v, Kind: u.GetKind()}
}

// GetCreationTimestamp parses metadata.creationTimestamp (RFC 3339); zero time when absent or bad.
func (u *Unstructured) GetCreationTimestamp() Time {
	s, _, _ := NestedString(u.Object, "metadata", "creationTimestamp")
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return Time{}
	}
	return Time{t}
}

func jsonPath(fields []string) string { return "." + strings.Join(fields, ".") }

func NestedFieldNoCopy(obj map[string]interface{}, fields ...string) (interface{}, bool, error) {
	var val interface{} = obj
	for i, field := range fields {
		if val == nil {
			return nil, false, nil
		}
		if m, ok := val.(map[string]interface{}); ok {
			val, ok = m[field]
			if !ok {
				return nil, false, nil
			}
		} else {
			return nil, false, fmt.Errorf("%v accessor error: %v is of the type %T, expected map[string]interface{}", jsonPath(fields[:i+1]), val, val)
		}
	}
	return val, true, nil
}

func NestedString(obj map[string]interface{}, fields ...string) (string, bool, error) {
	val, found, err := NestedFieldNoCopy(obj, fields...)
	if !found || err != nil {
		return "", found, err
	}
	s, ok := val.(string)
	if !ok {
		return "", false, fmt.Errorf("%v accessor error: %v is of the type %T, expected string", jsonPath(fields), val, val)
	}
	return s, true, nil
}

func NestedInt64(obj map[string]interface{}, fields ...string) (int64, bool, error) {
	val, found, err := NestedFieldNoCopy(obj, fields...)
	if !found || err != nil {
		return 0, found, err
	}
	i, ok := val.(int64)
	if !ok {
		return 0, false, fmt.Errorf("%v accessor error: %v is of the type %T, expected int64", jsonPath(fields), val, val)
	}
	return i, true, nil
}

func NestedSlice(obj map[string]interface{}, fields ...string) ([]interface{}, bool, error) {
	val, found, err := NestedFieldNoCopy(obj, fields...)
	if !found || err != nil {
		return nil, found, err
	}
	_, ok := val.([]interface{})
	if !ok {
		return nil, false, fmt.Errorf("%v accessor error: %v is of the type %T, expected []interface{}", jsonPath(fields), val, val)
	}
	return val.([]interface{}), true, nil
}

func SetNestedSlice(obj map[string]interface{}, value []interface{}, fields ...string) error {
	m := obj
	for _, field := range fields[:len(fields)-1] {
		if val, ok := m[field]; ok {
			if valMap, ok := val.(map[string]interface{}); ok {
				m = valMap
			} else {
				return fmt.Errorf("value cannot be set because %v is not a map[string]interface{}", jsonPath(fields))
			}
		} else {
			newVal := make(map[string]interface{})
			m[field] = newVal
			m = newVal
		}
	}
	m[fields[len(fields)-1]] = value
	return nil
}
