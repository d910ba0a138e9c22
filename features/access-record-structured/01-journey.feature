@hop:provider
Feature: Access Record Structured: the journey and the structured record Bundle
  PDS trace → SDS lookup for get structured record (its own root and ASID) → the structured root's
  CapabilityStatement → POST …/Patient/$gpc.getstructuredrecord through the SSP (ARS-SDS, ARS-METADATA, ARS-BUNDLE).

  Background:
    Given the registered patient's structured record root has been resolved on PDS and SDS

  @ARS-SDS @hop:sds
  Scenario: The structured root comes from its own SDS lookup
    When the consumer reads the structured root's CapabilityStatement through the SSP
    Then the provider answers 200 with a FHIR CapabilityStatement

  @ARS-METADATA
  Scenario: The structured root's CapabilityStatement is STU3 on the assured structured line
    When the consumer reads the structured root's CapabilityStatement through the SSP
    Then the provider answers 200 with a FHIR CapabilityStatement
    And the CapabilityStatement declares FHIR version 3.0.1
    And the CapabilityStatement declares the structured version the target declares

  @ARS-BUNDLE
  Scenario: The record is a GPConnect-StructuredRecord-Bundle-1 collection
    When the consumer requests the structured record with
      | area          | parts                         |
      | allergies     | includeResolvedAllergies=true |
      | medication    |                               |
      | problems      |                               |
      | immunisations | includeNotGiven=true          |
    Then the provider answers 200 with a structured record Bundle

  @ARS-PATIENT
  Scenario: The Bundle's Patient is the one requested
    When the consumer requests the structured record with
      | area      | parts                          |
      | allergies | includeResolvedAllergies=false |
    Then the provider answers 200 with a FHIR Bundle
    And the Bundle's Patient carries the requested NHS number

  @ARS-REFERENCES
  Scenario: Every reference in the whole record resolves inside the Bundle
    When the consumer requests the structured record with
      | area          | parts                         |
      | allergies     | includeResolvedAllergies=true |
      | medication    |                               |
      | problems      |                               |
      | immunisations | includeNotGiven=true          |
    Then the provider answers 200 with a FHIR Bundle
    And every reference in the Bundle resolves to an entry of it

  @ARS-JWT-1.6
  Scenario: A 1.6 JWT asking for conf/N is accepted on the structured root
    When the consumer requests the structured record with the JWT claim requested_scope "patient/*.read conf/N" and
      | area      | parts                          |
      | allergies | includeResolvedAllergies=false |
    Then the provider answers 200 with a FHIR Bundle

  @ARS-JWT-1.6
  Scenario: A scope of the wrong kind is refused on the structured root
    When the consumer requests the structured record with the JWT claim requested_scope "organization/*.read" and
      | area      | parts                          |
      | allergies | includeResolvedAllergies=false |
    Then the provider answers 400 naming BAD_REQUEST

  @ARS-T11 @needs-direct-provider
  Scenario: The appointments root does not serve Access Record Structured
    Given the registered patient's practice has been resolved on PDS and SDS
    When the consumer sends the structured record request straight to the appointments root
    Then the appointments root does not serve the structured record
