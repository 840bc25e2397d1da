module gitops-kit/goldens/template

go 1.23
