@hop:provider
Feature: Spine edge — formats, compression and caching of the provider's answers
  _format overrides Accept, which overrides Content-Type; with none JSON is the default; JSON and XML both
  work and anything else is 415 (FMT-415). gzip when asked, Cache-Control: no-store on every answer,
  errors included, and a weak ETag on reads (FMT-ETAG): a read by logical id, not /metadata, which the
  spec does not ask an ETag of.

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS

  @FMT-NEGOTIATE
  Scenario Outline: _format "<_format>", Accept "<accept>", Content-Type "<content type>" → <served>
    When the consumer sends "read metadata" with _format "<_format>", Accept "<accept>" and Content-Type "<content type>"
    Then the provider serves the CapabilityStatement as <served>

    Examples: ("-" = not sent; Accept */* states no preference)
      | _format               | accept                                | content type                          | served |
      | -                     | application/fhir+json;charset=utf-8   | -                                     | JSON   |
      | -                     | application/fhir+xml;charset=utf-8    | -                                     | XML    |
      | json                  | application/fhir+xml                  | -                                     | JSON   |
      | xml                   | application/fhir+json                 | -                                     | XML    |
      | application/fhir+xml  | application/fhir+json                 | application/fhir+json                 | XML    |
      | application/fhir+json | application/fhir+xml                  | application/fhir+xml                  | JSON   |
      | -                     | */*                                   | application/fhir+xml;charset=utf-8    | XML    |
      | -                     | application/fhir+json                 | application/fhir+xml                  | JSON   |
      | -                     | */*                                   | -                                     | JSON   |

  @FMT-415 @FMT-ERROR-OUTCOME
  Scenario Outline: A request for <what> is refused with 415 UNSUPPORTED_MEDIA_TYPE
    When the consumer sends "read metadata" with _format "<_format>", Accept "<accept>" and Content-Type "-"
    Then the provider refuses it with 415 UNSUPPORTED_MEDIA_TYPE
    And every error the provider gave is a GPConnect-OperationOutcome-1 with exactly one Spine code

    Examples:
      | what                  | _format     | accept                |
      | _format text/turtle   | text/turtle | application/fhir+json |
      | Accept text/html only | -           | text/html             |

  @FMT-GZIP
  Scenario: With Accept-Encoding gzip the answer is compressed
    When the consumer sends "read metadata" through the SSP accepting gzip
    Then the answer came gzip-compressed

  @FMT-NO-STORE
  Scenario: Cache-Control no-store on a 400 too
    When the consumer sends "read metadata" with the JWT claim iss removed
    Then the provider refuses it with 400 BAD_REQUEST
    And every answer from the provider carries Cache-Control no-store

  @FMT-NO-STORE
  Scenario: Cache-Control no-store on a 415
    When the consumer sends "read metadata" with _format "text/turtle", Accept "application/fhir+json" and Content-Type "-"
    Then the provider refuses it with 415 UNSUPPORTED_MEDIA_TYPE
    And every answer from the provider carries Cache-Control no-store

  @FMT-ETAG
  Scenario: A read by logical id answers with a weak ETag
    Given the consumer has found a free slot
    And the consumer finds the patient on the provider
    When the consumer reads the Patient the journey met
    Then the provider answers 200 with a FHIR Patient
    And the answer carries a weak ETag
