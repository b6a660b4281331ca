-- Orleans ADO.NET contract, shared part (adapted from dotnet/orleans src/AdoNet/Shared/PostgreSQL-Main.sql).
--
-- Orleans reads every statement it issues from this table by key, so the providers' behaviour can be
-- tuned here without a code change, as long as each query keeps the parameter names and result column
-- names that the 10.4.2 providers use. The later scripts upsert their rows, so re-running them after an
-- Orleans upgrade replaces the query texts in place.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY(QueryKey)
);
