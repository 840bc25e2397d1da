{{- define "hooks.x" -}}x{{- end -}}
