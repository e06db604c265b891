/**
 * The company directory's edges: every replica reads crm.companies.v1 into memory ({@link
 * dev.earshot.extraction.company.CompanyDirectory}), and admins load or replace their org's
 * directory from CSV or JSON through {@code /api/v1/companies}, which publishes to that topic.
 */
package dev.earshot.extraction.directory;
