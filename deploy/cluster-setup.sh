#!/bin/sh
# Joins couchdb-1..3 into one cluster with CouchDB's documented /_cluster_setup API; idempotent.
set -eu
auth="$COUCHDB_USER:$COUCHDB_PASSWORD"
c1=http://couchdb-1.cluster:5984
if curl -fsS -u "$auth" "$c1/_membership" | grep -q 'couchdb-3.cluster'; then
  echo 'cluster already set up'
  exit 0
fi
# Every doc on every node (n=3) in 2 shards (q=2), set before the databases exist; CouchDB 3's
# defaults, written out because the cluster test ran on them (the kit's ../shared/couchdb/couchdb.sh).
for node in couchdb-1.cluster couchdb-2.cluster couchdb-3.cluster; do
  curl -fsS -u "$auth" -X PUT "http://$node:5984/_node/_local/_config/cluster/n" -d '"3"'
  curl -fsS -u "$auth" -X PUT "http://$node:5984/_node/_local/_config/cluster/q" -d '"2"'
done
for node in couchdb-2.cluster couchdb-3.cluster; do
  curl -fsS -u "$auth" -X POST "$c1/_cluster_setup" -H 'Content-Type: application/json' \
    -d "{\"action\":\"enable_cluster\",\"bind_address\":\"0.0.0.0\",\"username\":\"$COUCHDB_USER\",\"password\":\"$COUCHDB_PASSWORD\",\"port\":5984,\"node_count\":\"3\",\"remote_node\":\"$node\",\"remote_current_user\":\"$COUCHDB_USER\",\"remote_current_password\":\"$COUCHDB_PASSWORD\"}"
  curl -fsS -u "$auth" -X POST "$c1/_cluster_setup" -H 'Content-Type: application/json' \
    -d "{\"action\":\"add_node\",\"host\":\"$node\",\"port\":5984,\"username\":\"$COUCHDB_USER\",\"password\":\"$COUCHDB_PASSWORD\"}"
done
curl -fsS -u "$auth" -X POST "$c1/_cluster_setup" -H 'Content-Type: application/json' -d '{"action":"finish_cluster"}'
curl -fsS -u "$auth" "$c1/_membership"
