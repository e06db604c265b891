-- One PostgreSQL for Compose: a database per service that owns tables (each service's Flyway
-- creates its schema and tables), and one for the schema registry.
CREATE DATABASE ingest;
CREATE DATABASE extraction;
CREATE DATABASE dedup;
CREATE DATABASE assistant;
CREATE DATABASE registry;
