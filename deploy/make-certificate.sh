#!/usr/bin/env bash
# Makes the certificate that encrypts the Data Protection keys at rest (DataProtection:CertificatePath): a
# self-signed RSA certificate with its private key in a PKCS#12 file. Self-signed is enough: it is only ever used
# to encrypt and decrypt the keys, never presented to anyone.
#
#   deploy/make-certificate.sh <folder> [password]    # writes <folder>/dataprotection.pfx; password from
#                                                     # DATAPROTECTION_CERTIFICATE_PASSWORD when not given
#
# Keep the file and its password with the deployment's other secrets, and keep old ones: keys encrypted with a
# certificate cannot be read without it (deploy/configuration.md, "Data Protection").
set -euo pipefail

folder="${1:?usage: make-certificate.sh <folder> [password]}"
password="${2:-${DATAPROTECTION_CERTIFICATE_PASSWORD:?give a password or set DATAPROTECTION_CERTIFICATE_PASSWORD}}"
mkdir -p "$folder"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days 3650 -subj "/CN=CarePathway Data Protection" \
  -keyout "$work/key.pem" -out "$work/certificate.pem" 2>/dev/null
openssl pkcs12 -export -in "$work/certificate.pem" -inkey "$work/key.pem" \
  -out "$folder/dataprotection.pfx" -passout "pass:$password"
chmod 600 "$folder/dataprotection.pfx"
echo "wrote $folder/dataprotection.pfx (valid 10 years)" >&2
