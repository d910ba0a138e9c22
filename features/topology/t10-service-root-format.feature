@TOP-T10 @hop:sds
Feature: T10. nhsMhsEndPoint is the service root only
  The endpoint holds the service root only: the practice's own ODS code (equal to nhsIDCode), the FHIR version
  name, the major version, no FHIR path and no trailing slash (WE-2b, TOP-T10).

  Scenario Outline: The reference estate <estate> satisfies T10
    Given the shipped estate "<estate>"
    Then topology rule T10 passes

    Examples: reference estates
      | estate                |
      | consumer-shared-mhs   |
      | consumer-separate-mhs |
      | provider-shared-mhs   |
      | provider-separate-mhs |

  Scenario Outline: <estate> breaks T10 and no other rule
    Given the shipped estate "<estate>"
    Then topology rule T10 fails, naming the records that break it
    And every topology rule other than T10 passes

    Examples: invalid estates
      | estate                             |
      | t10-root-with-trailing-slash       |
      | t10-root-with-another-practice-ods |
      | t10-root-with-fhir-path            |

  @static
  Scenario: The estate under assessment satisfies T10
    Given the estate under assessment
    Then topology rule T10 passes
