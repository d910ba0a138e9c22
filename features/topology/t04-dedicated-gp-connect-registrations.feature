@TOP-T4 @hop:sds
Feature: T4. GP Connect ASIDs and party keys are dedicated
  GP Connect never reuses an ASID or party key registered for a central Spine service such as PDS or EPS
  (TOP-T4). Estates list the central services' registrations; SDS does not.

  Scenario Outline: The reference estate <estate> satisfies T4
    Given the shipped estate "<estate>"
    Then topology rule T4 passes

    Examples: reference estates
      | estate                |
      | consumer-shared-mhs   |
      | consumer-separate-mhs |
      | provider-shared-mhs   |
      | provider-separate-mhs |

  Scenario Outline: <estate> breaks T4 and no other rule
    Given the shipped estate "<estate>"
    Then topology rule T4 fails, naming the records that break it
    And every topology rule other than T4 passes

    Examples: invalid estates
      | estate                              |
      | t4-asid-reused-from-central-service |

  # Only an estate file lists central services: over an estate rebuilt from SDS this rule has nothing to
  # look at, so the scenario runs only when one is given (cucumber.mjs leaves @estate-file out otherwise).
  @static @estate-file
  Scenario: The estate under assessment satisfies T4
    Given the estate under assessment
    Then topology rule T4 passes
