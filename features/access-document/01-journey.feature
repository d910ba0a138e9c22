@hop:provider
Feature: Access Document: the journey, the DocumentReference search and the Binary retrieve
  PDS trace → SDS lookup for search documents (its own root and ASID) → the documents root's
  CapabilityStatement → find the patient there → search their DocumentReferences → retrieve each Binary,
  through the SSP, as one evidence record (DOC-SDS, DOC-METADATA, DOC-PATIENT, DOC-SEARCH, DOC-ATTACHMENT,
  DOC-BINARY; the GP Connect 1.6.2 Access Document pages).

  Background:
    Given the registered patient's documents root has been resolved on PDS and SDS

  @DOC-SDS @hop:sds
  Scenario: The documents root comes from its own SDS lookup
    When the consumer reads the documents root's CapabilityStatement through the SSP
    Then the provider answers 200 with a FHIR CapabilityStatement

  @DOC-METADATA
  Scenario: The documents root's CapabilityStatement is STU3 on the assured documents line, with the search parameters
    When the consumer reads the documents root's CapabilityStatement through the SSP
    Then the provider answers 200 with a FHIR CapabilityStatement
    And the CapabilityStatement declares FHIR version 3.0.1
    And the CapabilityStatement declares the documents version the target declares
    And the CapabilityStatement declares the DocumentReference search parameters

  @DOC-PATIENT
  Scenario: Find patient on the documents root gives the one patient asked for
    When the consumer finds the patient on the documents root
    Then the provider answers 200 with a FHIR Bundle

  @DOC-SEARCH @DOC-ATTACHMENT @DOC-BINARY
  Scenario: Find the patient, search their documents and retrieve each Binary
    When the consumer reads the documents root's CapabilityStatement through the SSP
    And the consumer finds the patient on the documents root
    And the consumer searches the patient's documents
    Then the provider answers a searchset of the patient's DocumentReferences
    And each DocumentReference gives its size and type, and a Binary URL or a placeholder
    When the consumer retrieves each of the documents' Binaries
    Then each Binary is its DocumentReference's document

  @DOC-FILTER
  Scenario Outline: The <parameter> parameter filters the documents
    When the consumer finds the patient on the documents root
    And the consumer searches the patient's documents with "<query>"
    Then every DocumentReference returned matches the search

    Examples:
      | parameter      | query                                                                    |
      | created ge     | created=ge2022-01-01                                                     |
      | created ge, le | created=ge2021-01-01&created=le2022-12-31                                |
      | type           | type=http%3A%2F%2Fsnomed.info%2Fsct%7C373942005                          |
      | facility       | facility=http%3A%2F%2Fsnomed.info%2Fsct%7C394814009                      |
      | author         | author=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fods-organization-code%7CRTT01    |
      | description    | description=Outpatient                                                   |
