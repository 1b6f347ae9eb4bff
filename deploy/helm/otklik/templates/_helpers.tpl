{{/* Name of the release's objects: <release>-otklik, or the release alone when it already says otklik. */}}
{{- define "otklik.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels of the release's shared objects. */}}
{{- define "otklik.labels" -}}
{{ include "otklik.commonLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels without the instance, for objects that add their selector labels (which carry it). */}}
{{- define "otklik.commonLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/part-of: otklik
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* Selector labels of one service; call with (dict "root" $ "service" "ingest"). */}}
{{- define "otklik.selector" -}}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "otklik.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "otklik.fullname" .)) -}}
{{- end -}}

{{- define "otklik.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "otklik.fullname" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{/* A service's settings: its entry of .Values.services laid over .Values.defaults. A service's
own podDisruptionBudget replaces the default one whole (minAvailable and maxUnavailable exclude
each other). */}}
{{- define "otklik.service" -}}
{{- $svc := get .root.Values.services .service -}}
{{- $merged := mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy $svc) -}}
{{- if hasKey $svc "podDisruptionBudget" -}}
{{- $_ := set $merged "podDisruptionBudget" (deepCopy $svc.podDisruptionBudget) -}}
{{- end -}}
{{- toYaml $merged -}}
{{- end -}}
