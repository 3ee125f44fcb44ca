/// PostgreSQL joins the shared suite once its store lands (see issue 3's PostgreSQL part).
func postgresStoresUnderTest() throws -> [StoreUnderTest] { [] }
