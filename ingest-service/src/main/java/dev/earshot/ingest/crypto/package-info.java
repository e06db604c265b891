/** Credentials at rest: Tink AEAD (AES-256-GCM) bound to the connection id, with key rotation. */
package dev.earshot.ingest.crypto;
