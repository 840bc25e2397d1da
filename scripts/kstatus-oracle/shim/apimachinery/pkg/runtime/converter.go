// Package runtime is a minimal stand-in for k8s.io/apimachinery/pkg/runtime: only
// DefaultUnstructuredConverter.FromUnstructured, which, like the real converter, walks the target
// struct's fields by their json names with reflection (unknown map keys are never visited, a value
// of the wrong type is an error, nil gives the zero value). It covers the field kinds kstatus's
// target types use: structs, slices and strings.
package runtime

import (
	"fmt"
	"reflect"
	"strings"
)

type converter struct{}

// DefaultUnstructuredConverter converts unstructured maps into typed structs.
var DefaultUnstructuredConverter converter

func (converter) FromUnstructured(u map[string]interface{}, obj interface{}) error {
	return fromUnstructured(u, reflect.ValueOf(obj).Elem())
}

func fromUnstructured(sv interface{}, dv reflect.Value) error {
	if sv == nil {
		dv.Set(reflect.Zero(dv.Type()))
		return nil
	}
	switch dv.Kind() {
	case reflect.Struct:
		m, ok := sv.(map[string]interface{})
		if !ok {
			return fmt.Errorf("cannot restore struct from: %T", sv)
		}
		t := dv.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := strings.Split(f.Tag.Get("json"), ",")[0]
			if name == "" {
				name = f.Name
			}
			if v, ok := m[name]; ok {
				if err := fromUnstructured(v, dv.Field(i)); err != nil {
					return err
				}
			}
		}
	case reflect.Slice:
		s, ok := sv.([]interface{})
		if !ok {
			return fmt.Errorf("cannot restore slice from %T", sv)
		}
		dv.Set(reflect.MakeSlice(dv.Type(), len(s), len(s)))
		for i := range s {
			if err := fromUnstructured(s[i], dv.Index(i)); err != nil {
				return err
			}
		}
	case reflect.String:
		s, ok := sv.(string)
		if !ok {
			return fmt.Errorf("cannot convert %T to string", sv)
		}
		dv.SetString(s)
	default:
		return fmt.Errorf("unsupported target kind %v", dv.Kind())
	}
	return nil
}
