// Package v1 is a minimal stand-in for k8s.io/api/core/v1: only what kstatus's status package uses.
package v1

// ConditionStatus is a condition's status: True, False or Unknown.
type ConditionStatus string

const (
	ConditionTrue    ConditionStatus = "True"
	ConditionFalse   ConditionStatus = "False"
	ConditionUnknown ConditionStatus = "Unknown"
)
