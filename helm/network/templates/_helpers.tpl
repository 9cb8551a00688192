{{/* Names, labels and the checks every template shares. */}}

{{- define "network.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The base name of every object: "<release>-network", or the release name when it already says network. */}}
{{- define "network.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "network.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The labels that pick the release's pods: the Deployment's selector, the NetworkPolicy, the anti-affinity. */}}
{{- define "network.selectorLabels" -}}
app.kubernetes.io/name: {{ include "network.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "network.labels" -}}
helm.sh/chart: {{ include "network.chart" . }}
{{ include "network.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
The labels Orleans' Kubernetes hosting selects its peers by (orleans/serviceId, orleans/clusterId). The silo would
patch them onto its own pod at start; putting them in the pod template keeps that patch a no-op and the labels right
from the first moment. Label values have their own syntax, so a bad id stops the render here.
*/}}
{{- define "network.orleansLabels" -}}
{{- range $what, $id := dict "serviceId" .Values.cluster.serviceId "clusterId" .Values.cluster.clusterId }}
{{- if not (regexMatch "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$" (toString $id)) }}
{{- fail (printf "cluster.%s '%v' cannot be a pod label value (Orleans' Kubernetes hosting labels pods with it): use letters, digits, '-', '_' or '.', starting and ending with a letter or digit" $what $id) }}
{{- end }}
{{- if gt (len (toString $id)) 63 }}
{{- fail (printf "cluster.%s is longer than 63 characters, too long for a pod label value" $what) }}
{{- end }}
{{- end }}
orleans/serviceId: {{ .Values.cluster.serviceId | quote }}
orleans/clusterId: {{ .Values.cluster.clusterId | quote }}
{{- end }}

{{- define "network.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "network.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "network.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion (toString .Values.image.tag)) }}
{{- end }}

{{/* The Secret a credential lives in: its own secretName, else credentials.existingSecret, else "<fullname>-credentials". */}}
{{- define "network.credentialsSecret" -}}
{{- $root := index . 0 }}
{{- $own := index . 1 }}
{{- default (default (printf "%s-credentials" (include "network.fullname" $root)) $root.Values.credentials.existingSecret) $own }}
{{- end }}

{{/* The cluster TLS Secret's name (a template itself); an empty one stops the render. */}}
{{- define "network.clusterTlsSecret" -}}
{{- $name := tpl (toString (default "" .Values.clusterTls.secretName)) . | trim }}
{{- if not $name }}
{{- fail "clusterTls.secretName is empty: the silo and gateway ports always use TLS in this chart. Name a Secret of type kubernetes.io/tls with tls.crt, tls.key and ca.crt (e.g. --set clusterTls.secretName=network-cluster-tls), or set clusterTls.certManager.enabled=true with an issuer so that cert-manager creates it." }}
{{- end }}
{{- $name }}
{{- end }}

{{/*
Cluster:ShutdownTimeout as whole seconds, from a .NET TimeSpan "[d.]hh:mm:ss[.fff]" (a fraction counts as one more
second: the grace period must cover all of it). Anything else stops the render.
*/}}
{{- define "network.shutdownTimeoutSeconds" -}}
{{- $text := toString .Values.shutdownTimeout }}
{{- if not (regexMatch "^([0-9]+\\.)?[0-9]{1,2}:[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,7})?$" $text) }}
{{- fail (printf "shutdownTimeout '%s' is not a TimeSpan of the form [d.]hh:mm:ss[.fff], e.g. 00:00:45" $text) }}
{{- end }}
{{- $parts := splitList ":" $text }}
{{- $daysHours := splitList "." (index $parts 0) }}
{{- $days := 0 }}
{{- $hours := atoi (last $daysHours) }}
{{- if eq (len $daysHours) 2 }}{{ $days = atoi (first $daysHours) }}{{ end }}
{{- $minutes := atoi (index $parts 1) }}
{{- $secondsParts := splitList "." (index $parts 2) }}
{{- $seconds := atoi (first $secondsParts) }}
{{- if and (eq (len $secondsParts) 2) (gt (atoi (last $secondsParts)) 0) }}{{ $seconds = add1 $seconds }}{{ end }}
{{- add (mul $days 86400) (mul $hours 3600) (mul $minutes 60) $seconds }}
{{- end }}

{{/* Stops the render when Kubernetes would kill the silo before it has left the cluster. */}}
{{- define "network.checkShutdown" -}}
{{- $timeout := include "network.shutdownTimeoutSeconds" . | atoi }}
{{- $grace := int .Values.terminationGracePeriodSeconds }}
{{- $sleep := int .Values.preStopSleepSeconds }}
{{- if le $grace (add $timeout $sleep) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must be above preStopSleepSeconds (%d) + shutdownTimeout (%s = %d s): otherwise Kubernetes kills the silo before it has left the cluster and handed its grains on. Raise terminationGracePeriodSeconds above %d or shorten shutdownTimeout." $grace $sleep (toString .Values.shutdownTimeout) $timeout (add $timeout $sleep)) }}
{{- end }}
{{- end }}

{{/* The ConfigMap of workflow definitions the pods mount. */}}
{{- define "network.workflowsConfigMap" -}}
{{- default (printf "%s-workflows" (include "network.fullname" .)) .Values.workflows.existingConfigMap }}
{{- end }}
